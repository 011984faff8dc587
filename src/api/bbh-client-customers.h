/* bbh-client-customers.h — BbhClient methods for customers, memos, sales, codes and fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"
#include "bbh-code.h"
#include "bbh-customer.h"
#include "bbh-customer-phone.h"
#include "bbh-memo.h"
#include "bbh-sale.h"

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
