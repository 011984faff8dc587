/* bbh-customer-edit.h — a customer record being edited, for savecustomer/saveCustomer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh-customer.h"

G_BEGIN_DECLS

#define BBH_TYPE_CUSTOMER_EDIT (bbh_customer_edit_get_type ())

G_DECLARE_FINAL_TYPE (BbhCustomerEdit, bbh_customer_edit, BBH, CUSTOMER_EDIT, GObject)

BbhCustomerEdit *bbh_customer_edit_new                (void);
BbhCustomerEdit *bbh_customer_edit_new_from_customer  (BbhCustomer     *customer);

gint64       bbh_customer_edit_get_id             (BbhCustomerEdit *self);
void         bbh_customer_edit_set_id             (BbhCustomerEdit *self,
                                                   gint64           id);
const char  *bbh_customer_edit_get_name           (BbhCustomerEdit *self);
void         bbh_customer_edit_set_name           (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_corp_name      (BbhCustomerEdit *self);
void         bbh_customer_edit_set_corp_name      (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_status         (BbhCustomerEdit *self);
void         bbh_customer_edit_set_status         (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_qq             (BbhCustomerEdit *self);
void         bbh_customer_edit_set_qq             (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_address        (BbhCustomerEdit *self);
void         bbh_customer_edit_set_address        (BbhCustomerEdit *self,
                                                   const char      *value);
int          bbh_customer_edit_get_birthday_type  (BbhCustomerEdit *self);
void         bbh_customer_edit_set_birthday_type  (BbhCustomerEdit *self,
                                                   int              birthday_type);
const char  *bbh_customer_edit_get_birthday       (BbhCustomerEdit *self);
void         bbh_customer_edit_set_birthday       (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_source         (BbhCustomerEdit *self);
void         bbh_customer_edit_set_source         (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_age            (BbhCustomerEdit *self);
void         bbh_customer_edit_set_age            (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_area           (BbhCustomerEdit *self);
void         bbh_customer_edit_set_area           (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_sex            (BbhCustomerEdit *self);
void         bbh_customer_edit_set_sex            (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_memo           (BbhCustomerEdit *self);
void         bbh_customer_edit_set_memo           (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_customer_type  (BbhCustomerEdit *self);
void         bbh_customer_edit_set_customer_type  (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_other1         (BbhCustomerEdit *self);
void         bbh_customer_edit_set_other1         (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_other2         (BbhCustomerEdit *self);
void         bbh_customer_edit_set_other2         (BbhCustomerEdit *self,
                                                   const char      *value);
const char  *bbh_customer_edit_get_other3         (BbhCustomerEdit *self);
void         bbh_customer_edit_set_other3         (BbhCustomerEdit *self,
                                                   const char      *value);

guint        bbh_customer_edit_get_n_phones       (BbhCustomerEdit *self);
const char  *bbh_customer_edit_get_phone          (BbhCustomerEdit *self,
                                                   guint            position);
const char  *bbh_customer_edit_get_phone_type     (BbhCustomerEdit *self,
                                                   guint            position);
const char  *bbh_customer_edit_get_phone_link_man (BbhCustomerEdit *self,
                                                   guint            position);
void         bbh_customer_edit_add_phone          (BbhCustomerEdit *self,
                                                   const char      *phone,
                                                   const char      *phone_type,
                                                   const char      *link_man);
void         bbh_customer_edit_set_phone          (BbhCustomerEdit *self,
                                                   guint            position,
                                                   const char      *phone,
                                                   const char      *phone_type,
                                                   const char      *link_man);
void         bbh_customer_edit_remove_phone       (BbhCustomerEdit *self,
                                                   guint            position);
void         bbh_customer_edit_clear_phones       (BbhCustomerEdit *self);

gboolean     bbh_customer_edit_validate           (BbhCustomerEdit *self,
                                                   GError         **error);

G_END_DECLS
