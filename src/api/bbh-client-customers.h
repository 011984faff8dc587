/* bbh-client-customers.h — BbhClient methods for customers, memos, sales, codes and fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"
#include "bbh-code.h"
#include "bbh-customer.h"
#include "bbh-customer-edit.h"
#include "bbh-customer-query.h"
#include "bbh-customer-phone.h"
#include "bbh-memo.h"
#include "bbh-sale.h"
#include "bbh-table-field.h"

G_BEGIN_DECLS

/* 2.6.2 getcustomer */
void         bbh_client_get_customer_async       (BbhClient            *self,
                                                  const char           *phone,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
BbhCustomer *bbh_client_get_customer_finish      (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* 2.6.1 getCustomersPage */
void         bbh_client_get_customers_page_async (BbhClient              *self,
                                                  const BbhCustomerQuery *query,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
GListModel  *bbh_client_get_customers_page_finish (BbhClient           *self,
                                                   GAsyncResult        *result,
                                                   guint64             *out_total,
                                                   GError             **error);

/* 2.6.3 getTableFields */
void         bbh_client_get_table_fields_async   (BbhClient            *self,
                                                  gboolean              system_names,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *bbh_client_get_table_fields_finish  (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  guint64              *out_total,
                                                  GError              **error);

/* 2.6.4 saveCustomer */
void         bbh_client_save_customer_async      (BbhClient            *self,
                                                  BbhCustomerEdit      *edit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_save_customer_finish     (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  gint64               *out_customer_id,
                                                  GError              **error);

/* 2.1.9 savecustomer: the same, under the common-functions spelling */
void         bbh_client_savecustomer_async       (BbhClient            *self,
                                                  BbhCustomerEdit      *edit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_savecustomer_finish      (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  gint64               *out_customer_id,
                                                  GError              **error);

/* 2.6.5 delcustomer */
void         bbh_client_delete_customer_async    (BbhClient            *self,
                                                  gint64                customer_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_delete_customer_finish   (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* 2.6.6 getCodes */
void         bbh_client_get_codes_async          (BbhClient            *self,
                                                  const char           *code_type,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *bbh_client_get_codes_finish         (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  guint64              *out_total,
                                                  GError              **error);

/* 2.7.3 setCustomerLock */
void         bbh_client_set_customer_lock_async  (BbhClient            *self,
                                                  gint64                customer_id,
                                                  gboolean              locked,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_set_customer_lock_finish (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* 2.8.1 getCustomerSales */
void         bbh_client_get_customer_sales_async (BbhClient            *self,
                                                  const char           *phone,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *bbh_client_get_customer_sales_finish (BbhClient           *self,
                                                   GAsyncResult        *result,
                                                   guint64             *out_total,
                                                   GError             **error);

/* 2.8.2 setCustomerSales */
void         bbh_client_set_customer_sales_async (BbhClient            *self,
                                                  gint64                sale_id,
                                                  const char           *extension,
                                                  gint64                customer_id,
                                                  const char           *customer_type,
                                                  gboolean              succeeded,
                                                  const char           *phone,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_set_customer_sales_finish (BbhClient           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* 2.9.1 getMemos */
void         bbh_client_get_memos_async          (BbhClient            *self,
                                                  const char           *phone,
                                                  guint                 start,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *bbh_client_get_memos_finish         (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  guint64              *out_total,
                                                  GError              **error);

/* 2.9.2 addMemo */
void         bbh_client_add_memo_async           (BbhClient            *self,
                                                  const char           *phone,
                                                  const char           *memo,
                                                  GDateTime            *hint_time,
                                                  const char           *hint_phone,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     bbh_client_add_memo_finish          (BbhClient            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
