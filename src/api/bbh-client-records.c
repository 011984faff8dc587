/* bbh-client-records.c — call records, callbacks, SMS, voice verification, areas, SmartTel
 *
 * Sections 2.1.5–2.1.8, 2.2.3, 2.2.5, 2.3, 2.4, 2.5, 2.7.1 and 2.7.2 of the document. Each
 * method checks what it can before sending (numbers, empty lists, the 70-character SMS
 * limit) so that an obviously wrong request fails in words without a round trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-records"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-records.h"
#include "bbh-records-private.h"

/* Helpers shared by the result objects (bbh-records-private.h) */

GDateTime *
bbh_records_parse_time (const char *text)
{
  g_autofree char *copy = NULL;
  int year, month, day, hour = 0, minute = 0, consumed = 0;
  double seconds = 0;
  const char *p;
  gint64 ms;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;

  /* Unix milliseconds, as some installations send times (and recvMsg always does). */
  if (strlen (copy) >= 11 && bbh_parse_int64 (copy, &ms) && ms > 0)
    return g_date_time_new_from_unix_local (ms / 1000);

  if (sscanf (copy, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3)
    return NULL;
  p = copy + consumed;

  if (*p == ' ' || *p == 'T')
    {
      int n = 0;
      int sec_int = 0, frac_consumed = 0;

      p++;
      if (sscanf (p, "%2d:%2d%n", &hour, &minute, &n) != 2)
        return NULL;
      p += n;
      if (*p == ':')
        {
          p++;
          if (sscanf (p, "%2d%n", &sec_int, &n) != 1)
            return NULL;
          p += n;
          seconds = sec_int;
          /* Java's Timestamp.toString() adds ".0". */
          if (*p == '.')
            {
              p++;
              while (g_ascii_isdigit (p[frac_consumed]))
                frac_consumed++;
              if (frac_consumed == 0)
                return NULL;
              p += frac_consumed;
            }
        }
    }

  if (*p != '\0')
    return NULL;

  /* g_date_time_new_local() rejects month 13, 31 April and 25 o'clock. */
  if (seconds >= 60)
    return NULL;
  return g_date_time_new_local (year, month, day, hour, minute, seconds);
}

char *
bbh_records_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

int
bbh_records_get_seconds (JsonObject *object,
                         const char *member,
                         int         fallback)
{
  g_autofree char *text = NULL;
  gint64 value;
  int h = 0, m = 0, s = 0, n = 0;

  if (bbh_json_read_int64 (object, member, &value))
    return (int) CLAMP (value, G_MININT, G_MAXINT);

  /* A fractional number of seconds ("12.5") rounds down. */
  if (json_object_has_member (object, member))
    {
      double d = bbh_json_get_double (object, member, -1);

      if (d >= 0 && d < G_MAXINT)
        return (int) d;
    }

  text = bbh_json_dup_string (object, member);
  if (text == NULL)
    return fallback;
  g_strstrip (text);

  if (sscanf (text, "%d:%d:%d%n", &h, &m, &s, &n) == 3 && text[n] == '\0'
      && h >= 0 && m >= 0 && m < 60 && s >= 0 && s < 60)
    return h * 3600 + m * 60 + s;
  if (sscanf (text, "%d:%d%n", &m, &s, &n) == 2 && text[n] == '\0'
      && m >= 0 && s >= 0 && s < 60)
    return m * 60 + s;

  return fallback;
}

JsonObject *
bbh_records_find_object (JsonObject *root,
                         const char *probe)
{
  static const char * const wrappers[] = { "data", "result", "obj" };
  JsonArray *rows;

  if (json_object_has_member (root, probe))
    return root;

  for (guint i = 0; i < G_N_ELEMENTS (wrappers); i++)
    {
      JsonObject *inner = bbh_json_get_object (root, wrappers[i]);

      if (inner != NULL && json_object_has_member (inner, probe))
        return inner;
    }

  rows = bbh_json_get_array (root, "rows");
  if (rows != NULL && json_array_get_length (rows) > 0)
    {
      JsonNode *first = json_array_get_element (rows, 0);

      if (JSON_NODE_HOLDS_OBJECT (first)
          && json_object_has_member (json_node_get_object (first), probe))
        return json_node_get_object (first);
    }

  return NULL;
}

/* Parse functions for the answers */

static JsonArray *
get_rows (JsonObject *root)
{
  JsonArray *rows = bbh_json_get_array (root, "rows");

  if (rows == NULL)
    rows = bbh_json_get_array (root, "data");
  if (rows == NULL)
    rows = bbh_json_get_array (root, "list");
  return rows;
}

static gpointer
parse_list (JsonObject  *root,
            GType        item_type,
            gpointer   (*parse_item) (JsonObject *object))
{
  BbhList *list = bbh_list_new (item_type);
  JsonArray *rows = get_rows (root);

  bbh_list_append_array (list, rows, parse_item);
  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return list;
}

static gpointer
parse_call_records (JsonObject  *root,
                    GError     **error)
{
  return parse_list (root, BBH_TYPE_CALL_RECORD, bbh_call_record_parse);
}

static gpointer
parse_callbacks (JsonObject  *root,
                 GError     **error)
{
  return parse_list (root, BBH_TYPE_CALLBACK, bbh_callback_parse);
}

/* The id a creating method returns: `id` at the top or inside `data`. Without it the caller
 * could not follow what it started, so a missing id is a protocol error. */
static gpointer
parse_created_id (JsonObject  *root,
                  GError     **error)
{
  JsonObject *o = bbh_records_find_object (root, "id");
  gint64 id;

  if (o == NULL || !bbh_json_read_int64 (o, "id", &id))
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_PROTOCOL,
                           _("The server accepted the request but did not say which id it was given."));
      return NULL;
    }
  return g_memdup2 (&id, sizeof id);
}

static gint64
finish_id (BbhClient     *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_autofree gint64 *id = bbh_client_call_finish (self, result, source_tag, error);

  return id != NULL ? *id : 0;
}

/* 2.4.1 / 2.7.1 findDialrecord */

/**
 * bbh_client_find_dial_record_async:
 * @query: what to look for; copied, so it may be freed at once
 *
 * Both sections' parameters are sent; the start of the range under both of its spellings,
 * `startTime` and `statrTime` (see bbh-call-record-query.c).
 */
void
bbh_client_find_dial_record_async (BbhClient                *self,
                                   const BbhCallRecordQuery *query,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;
  const char *phone;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (query != NULL);

  phone = bbh_call_record_query_get_phone (query);
  if (phone != NULL && !bbh_check_phone (phone, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_find_dial_record_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_call_record_query_to_params (query, params);
  bbh_client_call_async (self, "findDialrecord", params, BBH_CALL_DEFAULT,
                         parse_call_records, (GDestroyNotify) bbh_list_free,
                         bbh_client_find_dial_record_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_find_dial_record_finish:
 * @out_total: (out) (optional): the server's total (`recordTotal` or `total`)
 *
 * Returns: (transfer full): a #GListModel of #BbhCallRecord, in the server's order.
 */
GListModel *
bbh_client_find_dial_record_finish (BbhClient     *self,
                                    GAsyncResult  *result,
                                    guint64       *out_total,
                                    GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_find_dial_record_async,
                                      out_total, error);
}

/* 2.4.4 getAreaPhone */

void
bbh_client_get_area_phone_async (BbhClient           *self,
                                 const char          *phone,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (phone, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_get_area_phone_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "phone", phone);
  bbh_client_call_async (self, "getAreaPhone", params, BBH_CALL_DEFAULT,
                         bbh_area_parse, g_object_unref,
                         bbh_client_get_area_phone_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_area_phone_finish:
 *
 * Returns: (transfer full): where the number is from.
 */
BbhArea *
bbh_client_get_area_phone_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_get_area_phone_async, error);
}

/* 2.3.1 callbackPhone */

/**
 * bbh_client_callback_phone_async:
 * @source_phone: (nullable): rung first; %NULL for the agent's own account, as the
 *   vendor's SDK does
 * @dest_phone: the customer, put through when @source_phone answers
 * @callback_url: (nullable): a URL the server calls on progress, may contain `{cbkId}`;
 *   sent as base64, as the document asks
 * @param_value: (nullable): passed through as `paramvalue`
 */
void
bbh_client_callback_phone_async (BbhClient           *self,
                                 const char          *source_phone,
                                 const char          *dest_phone,
                                 const char          *callback_url,
                                 const char          *param_value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url64 = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (source_phone == NULL)
    source_phone = bbh_client_get_account (self);

  if (!bbh_check_phone (source_phone, _("number to ring first"), &error)
      || !bbh_check_phone (dest_phone, _("number to call"), &error))
    {
      bbh_client_report_error (self, bbh_client_callback_phone_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  if (callback_url != NULL && *callback_url != '\0')
    {
      if (!g_str_has_prefix (callback_url, "http://") && !g_str_has_prefix (callback_url, "https://"))
        {
          bbh_client_report_error (self, bbh_client_callback_phone_async, callback, user_data,
                                   g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                                        _("The callback address must start with http:// or https://.")));
          return;
        }
      url64 = g_base64_encode ((const guchar *) callback_url, strlen (callback_url));
    }

  params = bbh_params_new ();
  bbh_params_add (params, "sourcePhone", source_phone);
  bbh_params_add (params, "descPhone", dest_phone);
  bbh_params_add (params, "callbackUrl", url64);
  bbh_params_add (params, "paramvalue", param_value);
  bbh_client_call_async (self, "callbackPhone", params, BBH_CALL_DEFAULT,
                         parse_created_id, g_free,
                         bbh_client_callback_phone_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_callback_phone_finish:
 *
 * Returns: the callback's id, to follow with bbh_client_get_callback_list_async(); 0 with
 *   @error set on failure.
 */
gint64
bbh_client_callback_phone_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_id (self, result, bbh_client_callback_phone_async, error);
}

/* 2.3.2 getCallbackList */

/**
 * bbh_client_get_callback_list_async:
 * @start: first row, from 0
 * @limit: rows; 0 for the document's default of 25
 * @extension: (nullable): only this agent's callbacks
 * @start_time: (nullable): created at or after
 * @end_time: (nullable): created at or before
 * @id: one callback (as callbackPhone returned it); 0 for any
 */
void
bbh_client_get_callback_list_async (BbhClient           *self,
                                    guint                start,
                                    guint                limit,
                                    const char          *extension,
                                    GDateTime           *start_time,
                                    GDateTime           *end_time,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *start_text = bbh_records_format_time (start_time);
  g_autofree char *end_text = bbh_records_format_time (end_time);
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "start", start);
  bbh_params_add_int (params, "limit", limit > 0 ? limit : 25);
  if (extension != NULL && *extension != '\0')
    bbh_params_add (params, "extension", extension);
  bbh_params_add (params, "startTime", start_text);
  bbh_params_add (params, "endTime", end_text);
  if (id > 0)
    bbh_params_add_int (params, "id", id);
  bbh_client_call_async (self, "getCallbackList", params, BBH_CALL_DEFAULT,
                         parse_callbacks, (GDestroyNotify) bbh_list_free,
                         bbh_client_get_callback_list_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_callback_list_finish:
 * @out_total: (out) (optional): the server's total
 *
 * Returns: (transfer full): a #GListModel of #BbhCallback.
 */
GListModel *
bbh_client_get_callback_list_finish (BbhClient     *self,
                                     GAsyncResult  *result,
                                     guint64       *out_total,
                                     GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_get_callback_list_async,
                                      out_total, error);
}
