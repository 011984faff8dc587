/* bbh-client-customers.c — customers, memos, sales, codes and fields
 *
 * Sections 2.1.9, 2.6, 2.7.3, 2.8 and 2.9 of the API document. Reads are GET; writes
 * (savecustomer, delcustomer, setCustomerLock, setCustomerSales, addMemo) are POST forms, so
 * that a customer's details and an agent's notes stay out of URLs and proxy logs and are never
 * cut by a length limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-customers"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-customers.h"
#include "bbh-client-private.h"
#include "bbh-customers-private.h"

JsonArray *
bbh_customers_find_array (JsonObject *root,
                          const char *first_member,
                          ...)
{
  va_list args;
  JsonArray *array = NULL;

  va_start (args, first_member);
  for (const char *member = first_member; member != NULL && array == NULL;
       member = va_arg (args, const char *))
    array = bbh_json_get_array (root, member);
  va_end (args);

  return array;
}

GDateTime *
bbh_customers_parse_time (const char *text)
{
  g_autofree char *copy = NULL;
  int y, mo, d, h = 0, mi = 0, n;
  double s = 0;
  gint64 number;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  if (bbh_parse_int64 (copy, &number))
    {
      /* Unix time: milliseconds when it has 12 digits or more (after 1973). */
      if (number > 99999999999)
        {
          g_autoptr(GDateTime) whole = g_date_time_new_from_unix_local (number / 1000);

          return whole != NULL ? g_date_time_add (whole, (number % 1000) * 1000) : NULL;
        }
      return number > 0 ? g_date_time_new_from_unix_local (number) : NULL;
    }

  n = sscanf (copy, "%4d-%2d-%2d%*1[ T]%2d:%2d:%lf", &y, &mo, &d, &h, &mi, &s);
  if (n == 3 || n == 5 || n == 6)
    return g_date_time_new_local (y, mo, d, h, mi, s);

  return NULL;
}

/* A list answer: the rows under the first of @members that is present, looked for in the
 * answer and then in a `data` object; the total from the same object. */
static BbhList *
parse_list (JsonObject   *root,
            GType         item_type,
            gpointer    (*parse_item) (JsonObject *object),
            const char  **members)
{
  BbhList *list = bbh_list_new (item_type);
  JsonObject *holder = root;
  JsonArray *array = NULL;

  for (guint i = 0; members[i] != NULL && array == NULL; i++)
    array = bbh_json_get_array (root, members[i]);

  if (array == NULL)
    {
      JsonObject *data = bbh_json_get_object (root, "data");

      for (guint i = 0; data != NULL && members[i] != NULL && array == NULL; i++)
        array = bbh_json_get_array (data, members[i]);
      if (array != NULL)
        holder = data;
    }

  bbh_list_append_array (list, array, parse_item);
  list->total = bbh_json_get_total (holder, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  if (holder != root && bbh_json_get_total (holder, G_MAXUINT) == G_MAXUINT)
    list->total = bbh_json_get_total (root, list->total);

  return list;
}

/* A write answers only success or failure: bbh_response_parse() has already decided. */
static gboolean
finish_write (BbhClient     *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_autoptr(JsonObject) root = bbh_client_call_finish (self, result, source_tag, error);

  return root != NULL;
}

static gboolean
check_text (const char  *value,
            const char  *what,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      /* Translators: %s names the field, such as “memo” */
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID, _("The %s is empty."), what);
      return FALSE;
    }
  return TRUE;
}

/* 2.6.2 getcustomer */

static gpointer
parse_customer (JsonObject  *root,
                GError     **error)
{
  g_autoptr(BbhCustomer) customer = NULL;
  JsonObject *object = bbh_json_get_object (root, "customer");
  JsonArray *phones;

  if (object == NULL)
    {
      JsonArray *array = bbh_json_get_array (root, "customer");

      if (array != NULL && json_array_get_length (array) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
        object = json_array_get_object_element (array, 0);
    }

  /* Some installations answer the row itself instead of nesting it. */
  if (object == NULL && json_object_has_member (root, "custId"))
    object = root;

  /* A number nobody knows is not an error: the pop-up then offers to create the customer. */
  if (object == NULL || (customer = bbh_customer_parse (object)) == NULL)
    return NULL;

  if (g_list_model_get_n_items (bbh_customer_get_phones (customer)) == 0
      && (phones = bbh_customers_find_array (root, "customerphone", "rows_customerphone", NULL)) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (phones); i++)
        {
          JsonNode *node = json_array_get_element (phones, i);
          g_autoptr(BbhCustomerPhone) phone = NULL;

          if (JSON_NODE_HOLDS_OBJECT (node)
              && (phone = bbh_customer_phone_parse (json_node_get_object (node))) != NULL)
            bbh_customer_add_phone (customer, phone);
        }
    }

  bbh_customer_set_sales (customer, bbh_customers_find_array (root, "customersales", NULL));
  bbh_customer_set_work_types (customer, bbh_customers_find_array (root, "worktype", "worktypes", NULL));

  return g_steal_pointer (&customer);
}

/**
 * bbh_client_get_customer_async:
 * @self: a #BbhClient
 * @phone: the number to look up (`phoneNum`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Looks up the customer who owns @phone (getcustomer), with the customer's numbers, sales
 * and work-order types.
 */
void
bbh_client_get_customer_async (BbhClient           *self,
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
      bbh_client_report_error (self, bbh_client_get_customer_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "phoneNum", phone);
  bbh_client_call_async (self, "getcustomer", params, BBH_CALL_DEFAULT,
                         parse_customer, g_object_unref,
                         bbh_client_get_customer_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_customer_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * An unknown number is not an error: when the server answers "does not exist" (code -11),
 * or `customer` is null, missing or empty, this returns %NULL and leaves @error unset.
 * Any other refusal, such as `success: false`, is an error.
 *
 * Returns: (transfer full) (nullable): the customer, or %NULL when there is none.
 */
BbhCustomer *
bbh_client_get_customer_finish (BbhClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  BbhCustomer *customer;

  customer = bbh_client_call_finish (self, result, bbh_client_get_customer_async, &local_error);
  if (g_error_matches (local_error, BBH_ERROR, BBH_ERROR_NOT_FOUND))
    return NULL;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return customer;
}

/* 2.9.1 getMemos */

static gpointer
parse_memos (JsonObject  *root,
             GError     **error)
{
  static const char *members[] = { "rows", "data", "memos", "ROWS", NULL };

  return parse_list (root, BBH_TYPE_MEMO, bbh_memo_parse, members);
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
      || !check_text (memo, _("memo"), &error)
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
      g_autoptr(GDateTime) local = g_date_time_to_local (hint_time);
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
  return finish_write (self, result, bbh_client_add_memo_async, error);
}
