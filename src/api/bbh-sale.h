/* bbh-sale.h — one sale (签单) of a customer, as getCustomerSales and getcustomer answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_SALE (bbh_sale_get_type ())

G_DECLARE_FINAL_TYPE (BbhSale, bbh_sale, BBH, SALE, GObject)

gint64       bbh_sale_get_id              (BbhSale    *self);
gint64       bbh_sale_get_customer_id     (BbhSale    *self);
const char  *bbh_sale_get_customer_name   (BbhSale    *self);
const char  *bbh_sale_get_customer_type   (BbhSale    *self);
const char  *bbh_sale_get_phone           (BbhSale    *self);
const char  *bbh_sale_get_extension       (BbhSale    *self);
const char  *bbh_sale_get_extension_name  (BbhSale    *self);
int          bbh_sale_get_status          (BbhSale    *self);
const char  *bbh_sale_get_time            (BbhSale    *self);
char        *bbh_sale_dup_field           (BbhSale    *self,
                                           const char *member);

G_END_DECLS
