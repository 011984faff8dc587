/* bbh-client-records.c — call records, areas, uploads and task numbers
 *
 * Sections 2.1.5–2.1.8, 2.7.1 and 2.7.2 of the document, and the helpers the other record
 * methods share (bbh-client-records-private.h): callbacks and SmartTel are in
 * bbh-client-callbacks.c, SMS, IVR dialling and voice verification in bbh-client-voice.c.
 * Each method checks what it can before sending so that an obviously wrong request fails
 * in words without a round trip.
 *
 * Choices where the document leaves room:
 * - findDialrecord sends the start of the range as both `startTime` (2.4.1) and `statrTime`
 *   (2.7.1); the total is `recordTotal` (2.4.1) or `total` (2.7.1).
 * - getTaskDetailPhone with an empty or missing `phone` means the task has no numbers left:
 *   the finish function returns NULL *without* an error.
 * - upload_record_file goes to jsondata.html like every method (PROTOCOL.md), with the base
 *   parameters and `method` in the query string, where every servlet reads them, and the
 *   document's fields as multipart/form-data parts, text parts marked charset=utf-8 as
 *   section 1.1.1 asks. fileMd5 is the lower-case hex MD5 of the bytes sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-records"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "bbh-client-records.h"
#include "bbh-records-private.h"
#include "bbh-client-records-private.h"

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
    return bbh_date_time_new_from_unix_local (ms / 1000);

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
  return g_date_time_new (bbh_local_time_zone (), year, month, day, hour, minute, seconds);
}

char *
bbh_records_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_timezone (time, bbh_local_time_zone ());
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

gpointer
bbh_records_parse_list (JsonObject  *root,
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
  return bbh_records_parse_list (root, BBH_TYPE_CALL_RECORD, bbh_call_record_parse);
}

/* The id a creating method returns: `id` at the top or inside `data`. Without it the caller
 * could not follow what it started, so a missing id is a protocol error. */
gpointer
bbh_records_parse_created_id (JsonObject  *root,
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

gint64
bbh_records_finish_id (BbhClient     *self,
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

/* Methods whose answer carries nothing but success */

gboolean
bbh_records_finish_ok (BbhClient     *self,
                       GAsyncResult  *result,
                       gpointer       source_tag,
                       GError       **error)
{
  g_autoptr(JsonObject) root = bbh_client_call_finish (self, result, source_tag, error);

  return root != NULL;
}

gboolean
bbh_records_check_not_empty (const char  *value,
                             const char  *message,
                             GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID, message);
  return FALSE;
}

/* 2.1.5 upload_record_file.html */

#define UPLOAD_METHOD      "upload_record_file"
#define UPLOAD_TIMEOUT_S   120

typedef struct
{
  SoupMessage  *message;
  GCancellable *cancellable;        /* ours: cancelled by the caller's or by the timeout */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
  gint64        started_us;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  g_clear_handle_id (&upload->timeout_id, g_source_remove);
  if (upload->caller_cancellable != NULL)
    g_cancellable_disconnect (upload->caller_cancellable, upload->caller_handler);
  g_clear_object (&upload->caller_cancellable);
  g_clear_object (&upload->cancellable);
  g_clear_object (&upload->message);
  g_free (upload);
}

static void
upload_done (GTask  *task,
             GError *error)
{
  BbhClient *self = g_task_get_source_object (task);
  Upload *upload = g_task_get_task_data (task);
  double ms = (g_get_monotonic_time () - upload->started_us) / 1000.0;

  /* The same trace line every other request writes; a cancelled upload stays silent. */
  if (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit_by_name (self, "request-finished", UPLOAD_METHOD, ms, error == NULL);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_upload_sent_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *upload = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  const char *data;
  gsize len = 0;

  g_clear_handle_id (&upload->timeout_id, g_source_remove);

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && upload->timed_out)
        upload_done (task, g_error_new_literal (BBH_ERROR, BBH_ERROR_TIMEOUT,
                                                bbh_error_describe (BBH_ERROR_TIMEOUT)));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        upload_done (task, g_steal_pointer (&error));
      else if (error->domain == G_TLS_ERROR)
        upload_done (task, g_error_new_literal (BBH_ERROR, BBH_ERROR_TLS,
                                                bbh_error_describe (BBH_ERROR_TLS)));
      else
        upload_done (task, g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                                                bbh_error_describe (BBH_ERROR_UNREACHABLE)));
      return;
    }

  data = g_bytes_get_data (body, &len);
  root = bbh_response_parse (data, len, soup_message_get_status (upload->message),
                             BBH_RESPONSE_DEFAULT, &error);
  bbh_client_scrub_error (g_task_get_source_object (task), error);
  upload_done (task, root != NULL ? NULL : g_steal_pointer (&error));
}

static gboolean
on_upload_timeout_cb (gpointer user_data)
{
  Upload *upload = user_data;

  upload->timeout_id = 0;
  upload->timed_out = TRUE;
  g_cancellable_cancel (upload->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_upload_caller_cancelled_cb (GCancellable *cancellable,
                               gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
append_text_part (SoupMultipart *multipart,
                  const char    *name,
                  const char    *value)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GHashTable) disposition = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) body = g_bytes_new (value, strlen (value));

  g_hash_table_insert (disposition, (gpointer) "name", (gpointer) name);
  soup_message_headers_set_content_disposition (headers, "form-data", disposition);
  soup_message_headers_replace (headers, "Content-Type", "text/plain; charset=utf-8");
  soup_multipart_append_part (multipart, headers, body);
}

/* A multipart/form-data POST to jsondata.html: what bbh_client_call_async() does for form
 * bodies, for the one method of the document that carries a file. */
static SoupMessage *
build_upload_message (BbhClient  *self,
                      const char *file_name,
                      GBytes     *contents)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(SoupMessageHeaders) file_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GHashTable) disposition = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *auth = bbh_client_dup_auth_query (self);
  g_autofree char *uri = NULL;
  g_autofree char *name64 = g_base64_encode ((const guchar *) file_name, strlen (file_name));
  g_autofree char *md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, contents);
  SoupMessage *message;

  append_text_part (multipart, "fileName", name64);
  append_text_part (multipart, "fileMd5", md5);
  append_text_part (multipart, "isBase", "true");

  g_hash_table_insert (disposition, (gpointer) "name", (gpointer) "fileGsm");
  g_hash_table_insert (disposition, (gpointer) "filename", (gpointer) file_name);
  soup_message_headers_set_content_disposition (file_headers, "form-data", disposition);
  soup_message_headers_set_content_type (file_headers, "application/octet-stream", NULL);
  soup_multipart_append_part (multipart, file_headers, contents);

  uri = g_strconcat (bbh_client_get_base_url (self), "/voip/api/jsondata.html?",
                     auth, "&method=" UPLOAD_METHOD, NULL);
  message = soup_message_new (SOUP_METHOD_POST, uri);
  if (message == NULL)
    return NULL;

  soup_multipart_to_message (multipart, headers, &body);
  soup_message_set_request_body_from_bytes (message,
                                            soup_message_headers_get_one (headers, "Content-Type"),
                                            body);
  return message;
}

/**
 * bbh_client_upload_record_file_async:
 * @file_name: the recording's file name, without a directory; what dialRecordFile names
 * @contents: the file's bytes
 *
 * Uploads a recording made on this side (section 2.1.5): `fileName` as base64, `fileMd5`,
 * `isBase=true` and the bytes as the `fileGsm` part of a multipart/form-data body.
 */
void
bbh_client_upload_record_file_async (BbhClient           *self,
                                     const char          *file_name,
                                     GBytes              *contents,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Upload *upload;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_records_check_not_empty (file_name, _("The recording has no file name."), &error))
    ;
  else if (strchr (file_name, '/') != NULL || !g_utf8_validate (file_name, -1, NULL))
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The recording's file name must be a plain file name, without folders."));
  else if (contents == NULL || g_bytes_get_size (contents) == 0)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The recording is empty: there is nothing to upload."));
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_upload_record_file_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bbh_client_upload_record_file_async);
  g_task_set_name (task, UPLOAD_METHOD);

  upload = g_new0 (Upload, 1);
  upload->cancellable = g_cancellable_new ();
  upload->started_us = g_get_monotonic_time ();
  g_task_set_task_data (task, upload, upload_free);

  upload->message = build_upload_message (self, file_name, contents);
  if (upload->message == NULL)
    {
      g_task_return_new_error (task, BBH_ERROR, BBH_ERROR_INVALID,
                               _("The server address “%s” is not valid."),
                               bbh_client_get_base_url (self));
      return;
    }

  if (cancellable != NULL)
    {
      upload->caller_cancellable = g_object_ref (cancellable);
      upload->caller_handler = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (on_upload_caller_cancelled_cb),
                                                      g_object_ref (upload->cancellable),
                                                      g_object_unref);
    }

  /* A recording is larger than an API answer: allow for a slow uplink. */
  upload->timeout_id = g_timeout_add_seconds (MAX (bbh_client_get_timeout (self), UPLOAD_TIMEOUT_S),
                                              on_upload_timeout_cb, upload);

  soup_session_send_and_read_async (bbh_client_get_session (self),
                                    upload->message,
                                    G_PRIORITY_DEFAULT,
                                    upload->cancellable,
                                    on_upload_sent_cb,
                                    g_steal_pointer (&task));
}

gboolean
bbh_client_upload_record_file_finish (BbhClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bbh_client_upload_record_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* 2.1.6 addCdrRecord */

/**
 * bbh_client_add_cdr_record_async:
 * @upload: the record; copied into the request, so it may be freed at once
 */
void
bbh_client_add_cdr_record_async (BbhClient           *self,
                                 const BbhCdrUpload  *upload,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (upload != NULL);

  if (upload->id <= 0)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The call record has no id of its own."));
  else if (upload->phone != NULL)
    bbh_check_phone (upload->phone, _("phone number"), &error);
  if (error == NULL && upload->sms_send_status > 1)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The SMS status of a call record is either “sent” or “not sent”."));
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_add_cdr_record_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_cdr_upload_to_params (upload, params);
  bbh_client_call_async (self, "addCdrRecord", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_add_cdr_record_async, cancellable, callback, user_data);
}

gboolean
bbh_client_add_cdr_record_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bbh_records_finish_ok (self, result, bbh_client_add_cdr_record_async, error);
}

/* 2.1.7 addSmsRecord */

/**
 * bbh_client_add_sms_record_async:
 * @id: the client's own unique id for the message; 0 not sent
 * @kind: sent or received
 * @phone: the other party
 * @content: (nullable): the text
 * @time_ms: when, in Unix milliseconds
 */
void
bbh_client_add_sms_record_async (BbhClient           *self,
                                 gint64               id,
                                 BbhSmsKind           kind,
                                 const char          *phone,
                                 const char          *content,
                                 gint64               time_ms,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (kind != BBH_SMS_SENT && kind != BBH_SMS_RECEIVED)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("An SMS record is either sent or received."));
  else if (!bbh_check_phone (phone, _("phone number"), &error))
    ;
  else if (time_ms <= 0)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID,
                         _("The SMS record has no time."));
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_add_sms_record_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  if (id > 0)
    bbh_params_add_int (params, "id", id);
  bbh_params_add_int (params, "kind", kind);
  bbh_params_add (params, "phone", phone);
  bbh_params_add (params, "content", content);
  bbh_params_add_int (params, "time", time_ms);
  bbh_client_call_async (self, "addSmsRecord", params, BBH_CALL_POST, NULL, NULL,
                         bbh_client_add_sms_record_async, cancellable, callback, user_data);
}

gboolean
bbh_client_add_sms_record_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return bbh_records_finish_ok (self, result, bbh_client_add_sms_record_async, error);
}

/* 2.1.8 / 2.7.2 getTaskDetailPhone */

/**
 * bbh_client_get_task_detail_phone_async:
 *
 * Takes the next number of the agent's outbound task. This hands the number out on the
 * server, so only an explicit "call next" may call it.
 */
void
bbh_client_get_task_detail_phone_async (BbhClient           *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (BBH_IS_CLIENT (self));

  bbh_client_call_async (self, "getTaskDetailPhone", NULL, BBH_CALL_DEFAULT,
                         bbh_task_phone_parse, g_object_unref,
                         bbh_client_get_task_detail_phone_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_task_detail_phone_finish:
 *
 * Returns: (transfer full) (nullable): the next number; %NULL with @error unset when the
 *   task has no numbers left.
 */
BbhTaskPhone *
bbh_client_get_task_detail_phone_finish (BbhClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return bbh_client_call_finish (self, result, bbh_client_get_task_detail_phone_async, error);
}
