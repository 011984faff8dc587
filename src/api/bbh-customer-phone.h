/* bbh-customer-phone.h — one phone number of a customer (voip_customer_phone)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_CUSTOMER_PHONE (bbh_customer_phone_get_type ())

G_DECLARE_FINAL_TYPE (BbhCustomerPhone, bbh_customer_phone, BBH, CUSTOMER_PHONE, GObject)

gint64       bbh_customer_phone_get_id           (BbhCustomerPhone *self);
gint64       bbh_customer_phone_get_customer_id  (BbhCustomerPhone *self);
const char  *bbh_customer_phone_get_phone        (BbhCustomerPhone *self);
const char  *bbh_customer_phone_get_phone_type   (BbhCustomerPhone *self);
const char  *bbh_customer_phone_get_link_man     (BbhCustomerPhone *self);
char        *bbh_customer_phone_dup_field        (BbhCustomerPhone *self,
                                                  const char       *member);

G_END_DECLS
