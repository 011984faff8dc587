/* bbh-client-memos.c — sales and follow-up notes
 *
 * Sections 2.8 and 2.9 of the API document; the shared readers live in
 * bbh-client-customers.c. Writes are POST forms, like the customer writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-memos"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-customers.h"
#include "bbh-client-private.h"
#include "bbh-customers-private.h"

/* 2.8.1 getCustomerSales */

static gpointer
parse_sales (JsonObject  *root,
             GError     **error)
{
  static const char *members[] = { "customersales", "rows", "data", "ROWS", NULL };

  return bbh_customers_parse_list (root, BBH_TYPE_SALE, bbh_sale_parse, members);
}

/**
 * bbh_client_get_customer_sales_async:
 * @self: a #BbhClient
 * @phone: the customer's number (`phoneNum`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Lists the sales of the customer who owns @phone (getCustomerSales).
 */
void
bbh_client_get_customer_sales_async (BbhClient           *self,
                                     const char          *phone,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (phone, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_get_customer_sales_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "phoneNum", phone);
  bbh_client_call_async (self, "getCustomerSales", params, BBH_CALL_DEFAULT,
                         parse_sales, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_customer_sales_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_customer_sales_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_total: (out) (optional): the number of sales
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BbhSale, empty when there are none.
 */
GListModel *
bbh_client_get_customer_sales_finish (BbhClient     *self,
                                      GAsyncResult  *result,
                                      guint64       *out_total,
                                      GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_customer_sales_async,
                                      out_total, error);
}

/* 2.8.2 setCustomerSales */

/* The account is the 6-digit company number followed by the extension (PROTOCOL.md). */
static char *
own_extension (BbhClient *self)
{
  const char *account = bbh_client_get_account (self);

  if (strlen (account) > 6)
    return g_strdup (account + 6);
  return g_strdup (account);
}

/**
 * bbh_client_set_customer_sales_async:
 * @self: a #BbhClient
 * @sale_id: the sale to change (`csId`; the document's "电话号码" for it is a slip);
 *   0 sends it empty, for a sale the server has not numbered yet
 * @extension: (nullable): the agent who made it (`extension`); %NULL is the logged-in agent
 * @customer_id: the customer (`custId`)
 * @customer_type: (nullable): the customer type to record (`custType`)
 * @succeeded: %TRUE the sale succeeded (`status=1`), %FALSE it failed (`status=0`)
 * @phone: the customer's number (`phone`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Records the outcome of a sale (setCustomerSales).
 */
void
bbh_client_set_customer_sales_async (BbhClient           *self,
                                     gint64               sale_id,
                                     const char          *extension,
                                     gint64               customer_id,
                                     const char          *customer_type,
                                     gboolean             succeeded,
                                     const char          *phone,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *own = NULL;
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_customers_check_customer_id (customer_id, &error)
      || !bbh_check_phone (phone, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_set_customer_sales_async, callback, user_data, error);
      return;
    }

  if (extension == NULL || *extension == '\0')
    extension = own = own_extension (self);

  params = bbh_params_new ();
  if (sale_id > 0)
    bbh_params_add_int (params, "csId", sale_id);
  else
    bbh_params_add (params, "csId", "");
  bbh_params_add (params, "extension", extension);
  bbh_params_add_int (params, "custId", customer_id);
  bbh_params_add (params, "custType", customer_type != NULL ? customer_type : "");
  bbh_params_add_int (params, "status", succeeded ? 1 : 0);
  bbh_params_add (params, "phone", phone);
  bbh_client_call_async (self, "setCustomerSales", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_set_customer_sales_async, cancellable, callback, user_data);
}

/**
 * bbh_client_set_customer_sales_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server recorded it.
 */
gboolean
bbh_client_set_customer_sales_finish (BbhClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return bbh_customers_finish_write (self, result, bbh_client_set_customer_sales_async, error);
}

/* 2.9.1 getMemos */

static gpointer
parse_memos (JsonObject  *root,
             GError     **error)
{
  static const char *members[] = { "rows", "data", "memos", "ROWS", NULL };

  return bbh_customers_parse_list (root, BBH_TYPE_MEMO, bbh_memo_parse, members);
}

/**
 * bbh_client_get_memos_async:
 * @self: a #BbhClient
 * @phone: (nullable): the number whose memos to list (`phoneNum`); %NULL or empty lists the
 *   memos of every number
 * @start: the first row (`start`)
 * @limit: how many rows (`limit`); 0 leaves it to the server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Lists follow-up notes (getMemos).
 */
void
bbh_client_get_memos_async (BbhClient           *self,
                            const char          *phone,
                            guint                start,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (phone != NULL && *phone != '\0' && !bbh_check_phone (phone, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_get_memos_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  if (phone != NULL && *phone != '\0')
    bbh_params_add (params, "phoneNum", phone);
  bbh_params_add_int (params, "start", start);
  if (limit > 0)
    bbh_params_add_int (params, "limit", limit);
  bbh_client_call_async (self, "getMemos", params, BBH_CALL_DEFAULT,
                         parse_memos, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_memos_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_memos_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_total: (out) (optional): the server's total number of memos
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BbhMemo, empty when there are none.
 */
GListModel *
bbh_client_get_memos_finish (BbhClient     *self,
                             GAsyncResult  *result,
                             guint64       *out_total,
                             GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_memos_async, out_total, error);
}

/* 2.9.2 addMemo */

/**
 * bbh_client_add_memo_async:
 * @self: a #BbhClient
 * @phone: the number the memo is about (`cdrPhone`)
 * @memo: the note (`cdrMemo`)
 * @hint_time: (nullable): when to remind the agent (`nhtTime`, sent as local
 *   `yyyy-mm-dd hh:mm:ss`); %NULL for no reminder (`nhtIsHint=0`)
 * @hint_phone: (nullable): the number the reminder is for (`nhtPhone`); %NULL means @phone
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Writes a follow-up note (addMemo), with an optional reminder. Sent as a POST form.
 */
void
bbh_client_add_memo_async (BbhClient           *self,
                           const char          *phone,
                           const char          *memo,
                           GDateTime           *hint_time,
                           const char          *hint_phone,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (phone, _("phone number"), &error)
      || !bbh_customers_check_text (memo, _("memo"), &error)
      || (hint_time != NULL && hint_phone != NULL
          && !bbh_check_phone (hint_phone, _("reminder's phone number"), &error)))
    {
      bbh_client_report_error (self, bbh_client_add_memo_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "cdrMemo", memo);
  bbh_params_add (params, "cdrPhone", phone);
  if (hint_time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (hint_time, bbh_local_time_zone ());
      g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");

      bbh_params_add (params, "nhtTime", text);
      bbh_params_add_int (params, "nhtIsHint", 1);
      bbh_params_add (params, "nhtPhone", hint_phone != NULL ? hint_phone : phone);
    }
  else
    bbh_params_add_int (params, "nhtIsHint", 0);

  bbh_client_call_async (self, "addMemo", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_add_memo_async, cancellable, callback, user_data);
}

/**
 * bbh_client_add_memo_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server stored the memo.
 */
gboolean
bbh_client_add_memo_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return bbh_customers_finish_write (self, result, bbh_client_add_memo_async, error);
}
