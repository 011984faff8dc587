/* bbh-client-customers.c — customers, codes and fields, and the readers the memo side shares
 *
 * Sections 2.1.9, 2.6 and 2.7.3 of the API document; sales and memos (2.8, 2.9) are in
 * bbh-client-memos.c. Reads are GET; writes (savecustomer, delcustomer, setCustomerLock, and
 * setCustomerSales and addMemo there) are POST forms, so that a customer's details and an
 * agent's notes stay out of URLs and proxy logs and are never cut by a length limit.
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
          g_autoptr(GDateTime) whole = bbh_date_time_new_from_unix_local (number / 1000);

          return whole != NULL ? g_date_time_add (whole, (number % 1000) * 1000) : NULL;
        }
      return number > 0 ? bbh_date_time_new_from_unix_local (number) : NULL;
    }

  n = sscanf (copy, "%4d-%2d-%2d%*1[ T]%2d:%2d:%lf", &y, &mo, &d, &h, &mi, &s);
  if (n == 3 || n == 5 || n == 6)
    return g_date_time_new (bbh_local_time_zone (), y, mo, d, h, mi, s);

  return NULL;
}

/* A list answer: the rows under the first of @members that is present, looked for in the
 * answer and then in a `data` object; the total from the same object. */
BbhList *
bbh_customers_parse_list (JsonObject   *root,
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
gboolean
bbh_customers_finish_write (BbhClient     *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_autoptr(JsonObject) root = bbh_client_call_finish (self, result, source_tag, error);

  return root != NULL;
}

gboolean
bbh_customers_check_text (const char  *value,
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

/* 2.6.1 getCustomersPage */

/* The answer lists customers and their numbers apart (rows_customer, rows_customerphone);
 * numbers are joined to their customer by custId. A row that brought its own numbers keeps
 * them and is not joined again. */
static gpointer
parse_customers_page (JsonObject  *root,
                      GError     **error)
{
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_CUSTOMER);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  JsonArray *rows;
  JsonArray *phones;

  rows = bbh_customers_find_array (root, "rows_customer", "rows", "ROWS", "data", "customers", NULL);
  bbh_list_append_array (list, rows, bbh_customer_parse);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list->items)); i++)
    {
      BbhCustomer *customer = g_list_model_get_item (G_LIST_MODEL (list->items), i);
      gint64 id = bbh_customer_get_id (customer);

      /* The store keeps the customer alive as long as the table is used. */
      g_object_unref (customer);
      if (id != 0 && g_list_model_get_n_items (bbh_customer_get_phones (customer)) == 0)
        g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), customer);
    }

  phones = bbh_customers_find_array (root, "rows_customerphone", "customerphone", NULL);
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      JsonNode *node = json_array_get_element (phones, i);
      g_autoptr(BbhCustomerPhone) phone = NULL;
      BbhCustomer *customer;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || (phone = bbh_customer_phone_parse (json_node_get_object (node))) == NULL)
        continue;
      id = bbh_customer_phone_get_customer_id (phone);
      if ((customer = g_hash_table_lookup (by_id, &id)) != NULL)
        bbh_customer_add_phone (customer, phone);
    }

  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return g_steal_pointer (&list);
}

/**
 * bbh_client_get_customers_page_async:
 * @self: a #BbhClient
 * @query: (nullable): what to list; %NULL lists every customer, the first 50
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Lists a page of customers with their numbers (getCustomersPage). A date range that is not
 * a date fails with %BBH_ERROR_INVALID before anything is sent.
 */
void
bbh_client_get_customers_page_async (BbhClient              *self,
                                     const BbhCustomerQuery *query,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(BbhCustomerQuery) default_query = NULL;
  g_autoptr(BbhParams) params = NULL;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (query == NULL)
    query = default_query = bbh_customer_query_new ();

  params = bbh_params_new ();
  if (!bbh_customer_query_add_params (query, params, &error))
    {
      bbh_client_report_error (self, bbh_client_get_customers_page_async, callback, user_data, error);
      return;
    }

  bbh_client_call_async (self, "getCustomersPage", g_steal_pointer (&params), BBH_CALL_DEFAULT,
                         parse_customers_page, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_customers_page_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_customers_page_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_total: (out) (optional): how many customers match in all (`recordTotal`)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BbhCustomer, each with its numbers.
 */
GListModel *
bbh_client_get_customers_page_finish (BbhClient     *self,
                                      GAsyncResult  *result,
                                      guint64       *out_total,
                                      GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_customers_page_async,
                                      out_total, error);
}

/* 2.6.3 getTableFields */

static gboolean
is_envelope_member (const char *member)
{
  static const char * const envelope[] = {
    "code", "success", "message", "msg", "errorMsg", "total", "recordTotal", "count", "status",
  };

  for (guint i = 0; i < G_N_ELEMENTS (envelope); i++)
    if (g_str_equal (member, envelope[i]))
      return TRUE;
  return FALSE;
}

static void
append_field_map (BbhList    *list,
                  JsonObject *map,
                  gboolean    skip_envelope)
{
  g_autoptr(GList) members = json_object_get_members (map);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *label = NULL;
      g_autoptr(BbhTableField) field = NULL;
      JsonNode *node = json_object_get_member (map, name);

      if (skip_envelope && is_envelope_member (name))
        continue;
      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || (label = bbh_json_node_dup_text (node)) == NULL)
        continue;
      field = bbh_table_field_new_pair (name, label);
      g_list_store_append (list->items, field);
    }
}

/* Rows of fields, or a map of field name to label: in a member, or as the answer itself. */
static gpointer
parse_table_fields (JsonObject  *root,
                    GError     **error)
{
  static const char * const holders[] = { "rows", "ROWS", "data", "fields", "list" };
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_TABLE_FIELD);
  JsonArray *rows = NULL;
  JsonObject *map = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (holders) && rows == NULL && map == NULL; i++)
    {
      rows = bbh_json_get_array (root, holders[i]);
      if (rows == NULL)
        map = bbh_json_get_object (root, holders[i]);
    }

  if (rows != NULL)
    bbh_list_append_array (list, rows, bbh_table_field_parse);
  else if (map != NULL)
    append_field_map (list, map, FALSE);
  else
    append_field_map (list, root, TRUE);

  list->total = g_list_model_get_n_items (G_LIST_MODEL (list->items));
  return g_steal_pointer (&list);
}

/**
 * bbh_client_get_table_fields_async:
 * @self: a #BbhClient
 * @system_names: %TRUE for the system's own labels (`chinesename=1`), %FALSE for the
 *   company's (`chinesename=0`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Asks for the labels of the customer fields (getTableFields).
 */
void
bbh_client_get_table_fields_async (BbhClient           *self,
                                   gboolean             system_names,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "chinesename", system_names ? 1 : 0);
  bbh_client_call_async (self, "getTableFields", params, BBH_CALL_DEFAULT,
                         parse_table_fields, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_table_fields_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_table_fields_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_total: (out) (optional): the number of fields
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BbhTableField, in the server's order.
 */
GListModel *
bbh_client_get_table_fields_finish (BbhClient     *self,
                                    GAsyncResult  *result,
                                    guint64       *out_total,
                                    GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_table_fields_async,
                                      out_total, error);
}

/* 2.6.4 saveCustomer and 2.1.9 savecustomer */

static gpointer
parse_saved_id (JsonObject  *root,
                GError     **error)
{
  gint64 *id = g_new0 (gint64, 1);
  JsonObject *data = bbh_json_get_object (root, "data");

  if (!bbh_json_read_int64 (root, "custId", id) && !bbh_json_read_int64 (data, "custId", id)
      && !bbh_json_read_int64 (root, "id", id))
    *id = 0;
  return id;
}

static void
on_customer_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = NULL;
  gint64 *sent_id = g_task_get_task_data (task);

  id = bbh_client_call_finish (BBH_CLIENT (object), result, on_customer_saved_cb, &error);
  if (id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An update may answer without the id: it is the one we sent. */
  *sent_id = *id > 0 ? *id : *sent_id;
  g_task_return_boolean (task, TRUE);
}

static void
save_customer (BbhClient           *self,
               const char          *method,
               BbhCustomerEdit     *edit,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (edit));

  if (!bbh_customer_edit_validate (edit, &error))
    {
      bbh_client_report_error (self, source_tag, callback, user_data, error);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_memdup2 (&(gint64) { bbh_customer_edit_get_id (edit) }, sizeof (gint64)),
                        g_free);

  params = bbh_params_new ();
  bbh_customer_edit_add_params (edit, params);
  bbh_client_call_async (self, method, params, BBH_CALL_POST,
                         parse_saved_id, g_free, on_customer_saved_cb,
                         cancellable, on_customer_saved_cb, g_steal_pointer (&task));
}

static gboolean
save_customer_finish (BbhClient     *self,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      gint64        *out_customer_id,
                      GError       **error)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_customer_id != NULL)
    *out_customer_id = *(gint64 *) g_task_get_task_data (G_TASK (result));
  return TRUE;
}

/**
 * bbh_client_save_customer_async:
 * @self: a #BbhClient
 * @edit: the record to save; #BbhCustomerEdit:id 0 creates a customer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Saves a customer (saveCustomer, 2.6.4) as a POST form with every field of the document's
 * table, empty when unset, and the numbers as `recordCount_voip_customer_phone`,
 * `cpPhone[i]`, `cpType[i]` and `cpLinkMan[i]`. A record that bbh_customer_edit_validate()
 * refuses fails with %BBH_ERROR_INVALID and nothing is sent.
 */
void
bbh_client_save_customer_async (BbhClient           *self,
                                BbhCustomerEdit     *edit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  save_customer (self, "saveCustomer", edit, bbh_client_save_customer_async,
                 cancellable, callback, user_data);
}

/**
 * bbh_client_save_customer_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_customer_id: (out) (optional): the saved customer's id (`custId`); for an update the
 *   server does not repeat it, the id that was sent; 0 when a new customer's answer lacks it
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server saved the customer.
 */
gboolean
bbh_client_save_customer_finish (BbhClient     *self,
                                 GAsyncResult  *result,
                                 gint64        *out_customer_id,
                                 GError       **error)
{
  return save_customer_finish (self, result, bbh_client_save_customer_async, out_customer_id, error);
}

/**
 * bbh_client_savecustomer_async:
 * @self: a #BbhClient
 * @edit: the record to save; #BbhCustomerEdit:id 0 creates a customer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * The same as bbh_client_save_customer_async(), sent as `method=savecustomer`: the document
 * lists the method twice, in the common functions (2.1.9, lower case) and in customer
 * management (2.6.4); a server may know only one of the spellings.
 */
void
bbh_client_savecustomer_async (BbhClient           *self,
                               BbhCustomerEdit     *edit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  save_customer (self, "savecustomer", edit, bbh_client_savecustomer_async,
                 cancellable, callback, user_data);
}

/**
 * bbh_client_savecustomer_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_customer_id: (out) (optional): as for bbh_client_save_customer_finish()
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server saved the customer.
 */
gboolean
bbh_client_savecustomer_finish (BbhClient     *self,
                                GAsyncResult  *result,
                                gint64        *out_customer_id,
                                GError       **error)
{
  return save_customer_finish (self, result, bbh_client_savecustomer_async, out_customer_id, error);
}

/* 2.6.5 delcustomer */

gboolean
bbh_customers_check_customer_id (gint64   customer_id,
                                 GError **error)
{
  if (customer_id > 0)
    return TRUE;
  g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                       _("No customer was given: the customer has not been saved yet."));
  return FALSE;
}

/**
 * bbh_client_delete_customer_async:
 * @self: a #BbhClient
 * @customer_id: the customer to delete (`custId`; one at a time)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Deletes a customer (delcustomer.html, called as `method=delcustomer`).
 */
void
bbh_client_delete_customer_async (BbhClient           *self,
                                  gint64               customer_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_customers_check_customer_id (customer_id, &error))
    {
      bbh_client_report_error (self, bbh_client_delete_customer_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add_int (params, "custId", customer_id);
  bbh_client_call_async (self, "delcustomer", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_delete_customer_async, cancellable, callback, user_data);
}

/**
 * bbh_client_delete_customer_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server deleted the customer.
 */
gboolean
bbh_client_delete_customer_finish (BbhClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return bbh_customers_finish_write (self, result, bbh_client_delete_customer_async, error);
}

/* 2.6.6 getCodes */

static gpointer
parse_codes (JsonObject  *root,
             GError     **error)
{
  static const char *members[] = { "ROWS", "rows", "data", "codes", "list", NULL };

  return bbh_customers_parse_list (root, BBH_TYPE_CODE, bbh_code_parse, members);
}

/**
 * bbh_client_get_codes_async:
 * @self: a #BbhClient
 * @code_type: the coded field (`codeType`), e.g. `custStatus`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Lists the choices of a coded field (getCodes.html, called as `method=getCodes`).
 */
void
bbh_client_get_codes_async (BbhClient           *self,
                            const char          *code_type,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_customers_check_text (code_type, _("code type"), &error))
    {
      bbh_client_report_error (self, bbh_client_get_codes_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "codeType", code_type);
  bbh_client_call_async (self, "getCodes", params, BBH_CALL_DEFAULT,
                         parse_codes, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_codes_async, cancellable, callback, user_data);
}

/**
 * bbh_client_get_codes_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @out_total: (out) (optional): the number of choices
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a #GListModel of #BbhCode, in the server's order.
 */
GListModel *
bbh_client_get_codes_finish (BbhClient     *self,
                             GAsyncResult  *result,
                             guint64       *out_total,
                             GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_codes_async, out_total, error);
}

/* 2.7.3 setCustomerLock */

/**
 * bbh_client_set_customer_lock_async:
 * @self: a #BbhClient
 * @customer_id: the customer (`custId`)
 * @locked: %TRUE locks the customer to its agent (`custIsLock=1`), %FALSE unlocks it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Locks or unlocks a customer (setCustomerLock).
 */
void
bbh_client_set_customer_lock_async (BbhClient           *self,
                                    gint64               customer_id,
                                    gboolean             locked,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BbhParams *params;
  GError *error = NULL;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_customers_check_customer_id (customer_id, &error))
    {
      bbh_client_report_error (self, bbh_client_set_customer_lock_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add_int (params, "custId", customer_id);
  bbh_params_add_int (params, "custIsLock", locked ? 1 : 0);
  bbh_client_call_async (self, "setCustomerLock", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_set_customer_lock_async, cancellable, callback, user_data);
}

/**
 * bbh_client_set_customer_lock_finish:
 * @self: a #BbhClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server changed the lock.
 */
gboolean
bbh_client_set_customer_lock_finish (BbhClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return bbh_customers_finish_write (self, result, bbh_client_set_customer_lock_async, error);
}
