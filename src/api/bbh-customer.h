/* bbh-customer.h — a customer record (客户资料), as getcustomer and getCustomersPage answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BBH_TYPE_CUSTOMER (bbh_customer_get_type ())

G_DECLARE_FINAL_TYPE (BbhCustomer, bbh_customer, BBH, CUSTOMER, GObject)

gint64       bbh_customer_get_id             (BbhCustomer *self);
const char  *bbh_customer_get_name           (BbhCustomer *self);
const char  *bbh_customer_get_corp_name      (BbhCustomer *self);
const char  *bbh_customer_get_status         (BbhCustomer *self);
const char  *bbh_customer_get_qq             (BbhCustomer *self);
const char  *bbh_customer_get_address        (BbhCustomer *self);
int          bbh_customer_get_birthday_type  (BbhCustomer *self);
const char  *bbh_customer_get_birthday       (BbhCustomer *self);
const char  *bbh_customer_get_source         (BbhCustomer *self);
const char  *bbh_customer_get_age            (BbhCustomer *self);
const char  *bbh_customer_get_area           (BbhCustomer *self);
const char  *bbh_customer_get_sex            (BbhCustomer *self);
const char  *bbh_customer_get_memo           (BbhCustomer *self);
const char  *bbh_customer_get_customer_type  (BbhCustomer *self);
const char  *bbh_customer_get_other1         (BbhCustomer *self);
const char  *bbh_customer_get_other2         (BbhCustomer *self);
const char  *bbh_customer_get_other3         (BbhCustomer *self);
gboolean     bbh_customer_get_is_locked      (BbhCustomer *self);
const char  *bbh_customer_get_phone          (BbhCustomer *self);
GListModel  *bbh_customer_get_phones         (BbhCustomer *self);
GListModel  *bbh_customer_get_sales          (BbhCustomer *self);
GListModel  *bbh_customer_get_work_types     (BbhCustomer *self);
char        *bbh_customer_dup_field          (BbhCustomer *self,
                                              const char  *member);

G_END_DECLS
