/* bbh-client-events.c — setUserCheckInOut, sendMsg, recvMsg, getLongWaterLine, hangupExten,
 * transferExten
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-events.h"
#include "bbh-client-private.h"
#include "bbh-event-private.h"

/* What recvMsg and getLongWaterLine answer: the messages and the server's watermark. */
typedef struct
{
  GListStore *items;
  gint64      watermark;
} MsgBatch;

static void
msg_batch_free (gpointer data)
{
  MsgBatch *batch = data;

  g_clear_object (&batch->items);
  g_free (batch);
}

/* For methods that answer only a code: any non-NULL pointer, the answer was checked by
 * bbh_response_parse(). */
static gpointer
parse_ok (JsonObject  *root,
          GError     **error)
{
  return GINT_TO_POINTER (TRUE);
}

static gboolean
finish_ok (BbhClient     *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  return bbh_client_call_finish (self, result, source_tag, error) != NULL;
}

/* The watermark of the answer: the top-level `waterLine`/`waterline` when the server sends
 * one, else the highest watermark of a message with a phone number (the SDK does not let
 * messages without a number advance it), else -1. */
static gpointer
parse_msgs (JsonObject  *root,
            GError     **error)
{
  MsgBatch *batch = g_new0 (MsgBatch, 1);
  JsonArray *msgs = bbh_json_get_array (root, "msgs");
  gint64 highest = -1;

  batch->items = g_list_store_new (BBH_TYPE_EVENT);

  if (msgs == NULL)
    msgs = bbh_json_get_array (root, "data");

  for (guint i = 0; msgs != NULL && i < json_array_get_length (msgs); i++)
    {
      JsonNode *node = json_array_get_element (msgs, i);
      g_autoptr(BbhEvent) event = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      event = bbh_event_new_from_json (json_node_get_object (node));
      if (*bbh_event_get_phone (event) != '\0')
        highest = MAX (highest, bbh_event_get_watermark (event));
      g_list_store_append (batch->items, event);
    }

  if (!bbh_json_read_int64 (root, "waterLine", &batch->watermark)
      && !bbh_json_read_int64 (root, "waterline", &batch->watermark))
    batch->watermark = highest;

  return batch;
}

static GListModel *
finish_msgs (BbhClient     *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             gint64        *out_watermark,
             GError       **error)
{
  MsgBatch *batch = bbh_client_call_finish (self, result, source_tag, error);
  GListModel *items;

  if (out_watermark != NULL)
    *out_watermark = batch != NULL ? batch->watermark : -1;
  if (batch == NULL)
    return NULL;

  items = G_LIST_MODEL (g_steal_pointer (&batch->items));
  msg_batch_free (batch);
  return items;
}

static gboolean
says_no_such_endpoint (const GError *error)
{
  /* bbh_response_parse() puts the status number in its message; it keeps no other trace. */
  return g_error_matches (error, BBH_ERROR, BBH_ERROR_HTTP)
         && (strstr (error->message, "404") != NULL || strstr (error->message, "405") != NULL
             || strstr (error->message, "501") != NULL);
}

static gboolean
says_unknown_method (const GError *error)
{
  static const char * const words[] = { "method", "Method", "METHOD", "方法", "不支持", "未知", "unknown",
                                         "not support", "not found" };

  if (!g_error_matches (error, BBH_ERROR, BBH_ERROR_FAILED))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (error->message, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
set_unsupported (GError     **error,
                 const char  *method)
{
  g_clear_error (error);
  /* Translators: %s is a method of the server's API, such as getLongWaterLine */
  g_set_error (error, BBH_ERROR, BBH_ERROR_UNSUPPORTED,
               _("The server does not support “%s”."), method);
}

/* 2.1.11 setUserCheckInOut */

/**
 * bbh_client_set_user_check_in_out_async:
 * @exten: (nullable): the extension; %NULL for the logged-in agent's own
 * @status: %BBH_CHECK_IN or %BBH_CHECK_OUT
 *
 * Checks the agent in (takes calls) or out.
 */
void
bbh_client_set_user_check_in_out_async (BbhClient           *self,
                                        const char          *exten,
                                        BbhCheckStatus       status,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (status == BBH_CHECK_IN || status == BBH_CHECK_OUT);

  params = bbh_params_new ();
  if (exten != NULL && *exten != '\0')
    bbh_params_add (params, "exten", exten);
  bbh_params_add_int (params, "status", status);

  bbh_client_call_async (self, "setUserCheckInOut", params, BBH_CALL_DEFAULT,
                         parse_ok, NULL, bbh_client_set_user_check_in_out_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_set_user_check_in_out_finish (BbhClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_ok (self, result, bbh_client_set_user_check_in_out_async, error);
}

/* 2.1.3 sendMsg */

static void
add_coordinate (BbhParams  *params,
                const char *name,
                double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return;
  bbh_params_add (params, name, g_ascii_formatd (buf, sizeof buf, "%.6f", value));
}

/**
 * bbh_client_send_msg_async:
 * @kind: a #BbhEventKind, 1 to 7
 * @client: %BBH_CLIENT_TYPE_PC or %BBH_CLIENT_TYPE_PHONE
 * @phone: the number (may be empty for kinds that have none, such as GPS)
 * @content: (nullable): for calls a content object such as `{status:0}`, for SMS the text
 * @time_ms: Unix milliseconds; 0 or less means now
 * @lost_time: seconds after which the message expires; 0 never
 * @lon: longitude, or `NAN` to send none
 * @lat: latitude, or `NAN` to send none
 *
 * Sends a message to the agent's other clients: `kind=1` asks them to dial, 6 and 7 answer
 * and hang up from the desktop.
 */
void
bbh_client_send_msg_async (BbhClient           *self,
                           int                  kind,
                           int                  client,
                           const char          *phone,
                           const char          *content,
                           gint64               time_ms,
                           int                  lost_time,
                           double               lon,
                           double               lat,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (kind < BBH_EVENT_KIND_OUTGOING_CALL || kind > BBH_EVENT_KIND_HUNG_UP)
    g_set_error (&error, BBH_ERROR, BBH_ERROR_INVALID,
                 _("The message kind %d is not one of the server's kinds (1 to 7)."), kind);
  else if (phone == NULL)
    g_set_error_literal (&error, BBH_ERROR, BBH_ERROR_INVALID, _("The phone number is missing."));
  else if (*phone != '\0' && kind != BBH_EVENT_KIND_GPS)
    bbh_check_phone (phone, _("phone number"), &error);

  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_send_msg_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  if (time_ms <= 0)
    time_ms = g_get_real_time () / 1000;

  params = bbh_params_new ();
  bbh_params_add_int (params, "kind", kind);
  bbh_params_add_int (params, "client", client);
  add_coordinate (params, "lon", lon);
  add_coordinate (params, "lat", lat);
  bbh_params_add (params, "phone", phone);
  bbh_params_add (params, "content", content);
  bbh_params_add_int (params, "time", time_ms);
  bbh_params_add_int (params, "lostTime", MAX (lost_time, 0));

  bbh_client_call_async (self, "sendMsg", params, BBH_CALL_DEFAULT,
                         parse_ok, NULL, bbh_client_send_msg_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_send_msg_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_ok (self, result, bbh_client_send_msg_async, error);
}

/* 2.1.4 recvMsg */

/**
 * bbh_client_recv_msg_async:
 * @water_line: the last watermark seen; 0 for everything the server keeps
 * @limit: at most this many messages; 0 for the server's default (100)
 *
 * Asks for the messages newer than @water_line, as the PC client (`client=1`).
 */
void
bbh_client_recv_msg_async (BbhClient           *self,
                           gint64               water_line,
                           guint                limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "client", BBH_CLIENT_TYPE_PC);
  bbh_params_add_int (params, "waterLine", MAX (water_line, 0));
  if (limit > 0)
    bbh_params_add_int (params, "limit", limit);

  bbh_client_call_async (self, "recvMsg", params, BBH_CALL_DEFAULT,
                         parse_msgs, msg_batch_free, bbh_client_recv_msg_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_recv_msg_finish:
 * @out_watermark: (out) (optional): the server's watermark: its top-level `waterLine` when
 *   it sends one, else the highest `waterLine` of a message with a phone number, else -1
 *
 * Returns: (transfer full): a #GListModel of #BbhEvent in the server's order
 */
GListModel *
bbh_client_recv_msg_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            gint64        *out_watermark,
                            GError       **error)
{
  return finish_msgs (self, result, bbh_client_recv_msg_async, out_watermark, error);
}

/* getLongWaterLine — not in the document; the vendor SDK's main loop (PROTOCOL.md). */

static gpointer
parse_long_water_line (JsonObject  *root,
                       GError     **error)
{
  /* A server that answers {"code":0} to anything does not have the method either. */
  if (!json_object_has_member (root, "msgs")
      && !json_object_has_member (root, "waterline")
      && !json_object_has_member (root, "waterLine"))
    {
      set_unsupported (error, "getLongWaterLine");
      return NULL;
    }
  /* `userInfo` and `keylist` are the SDK's page state (agent status, key presses); the
   * agent's state comes from getExtension, so they are not read. */
  return parse_msgs (root, error);
}

/**
 * bbh_client_get_long_water_line_async:
 * @water_line: the last watermark seen
 * @login_line: (nullable): the `loginLine` getExtension answered
 *
 * The long poll: the server holds the request until there is a message (the SDK gives up
 * after 35 s of silence; this request waits up to 45 s).
 */
void
bbh_client_get_long_water_line_async (BbhClient           *self,
                                      gint64               water_line,
                                      const char          *login_line,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  bbh_params_add_int (params, "client", BBH_CLIENT_TYPE_PC);
  bbh_params_add_int (params, "message", 1);
  bbh_params_add (params, "loginLine", login_line);
  bbh_params_add_int (params, "waterLine", MAX (water_line, 0));

  bbh_client_call_async (self, "getLongWaterLine", params, BBH_CALL_LONG_POLL,
                         parse_long_water_line, msg_batch_free,
                         bbh_client_get_long_water_line_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_get_long_water_line_finish:
 * @out_watermark: (out) (optional): the answer's `waterline`, as for recvMsg
 *
 * The method is not in the document, so a server without it answers in its own way. Each of
 * these is reported as %BBH_ERROR_UNSUPPORTED, so that #BbhEventStream can fall back to
 * polling recvMsg:
 * - HTTP 404, 405 or 501: no such endpoint;
 * - a non-zero code that is not in the document's table: servers answer an unknown method with
 *   their own code, often with "method" in the message;
 * - -3, the document's internal error: a dispatcher that fails on an unknown name.
 *   bbh_response_parse() keeps no server text for the table's codes, so this cannot be told
 *   apart from a real internal error; #BbhEventStream therefore falls back only while the long
 *   poll has never worked, and otherwise retries;
 * - a success without `msgs` and without `waterline`: a server that answers `{"code":0}` to
 *   any method.
 *
 * Returns: (transfer full): a #GListModel of #BbhEvent
 */
GListModel *
bbh_client_get_long_water_line_finish (BbhClient     *self,
                                       GAsyncResult  *result,
                                       gint64        *out_watermark,
                                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GListModel *items;

  items = finish_msgs (self, result, bbh_client_get_long_water_line_async, out_watermark,
                       &local_error);
  if (items != NULL)
    return items;

  if (says_no_such_endpoint (local_error)
      || g_error_matches (local_error, BBH_ERROR, BBH_ERROR_FAILED)
      || g_error_matches (local_error, BBH_ERROR, BBH_ERROR_INTERNAL))
    set_unsupported (&local_error, "getLongWaterLine");

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* hangupExten, transferExten — vendor SDK only. A server without them says so through an
 * HTTP status or a message naming the method; other failures keep their own meaning. */

static gboolean
finish_optional (BbhClient     *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 const char    *method,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (finish_ok (self, result, source_tag, &local_error))
    return TRUE;

  if (says_no_such_endpoint (local_error) || says_unknown_method (local_error))
    set_unsupported (&local_error, method);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * bbh_client_hangup_exten_async:
 * @phone_num: the number of the call to hang up
 *
 * Hangs up the agent's call from the desktop.
 */
void
bbh_client_hangup_exten_async (BbhClient           *self,
                               const char          *phone_num,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (phone_num, _("phone number"), &error))
    {
      bbh_client_report_error (self, bbh_client_hangup_exten_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "phoneNum", phone_num);
  bbh_client_call_async (self, "hangupExten", params, BBH_CALL_DEFAULT,
                         parse_ok, NULL, bbh_client_hangup_exten_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_hangup_exten_finish (BbhClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_optional (self, result, bbh_client_hangup_exten_async, "hangupExten", error);
}

/**
 * bbh_client_transfer_exten_async:
 * @desc_exten: the extension (or number) to transfer the current call to
 */
void
bbh_client_transfer_exten_async (BbhClient           *self,
                                 const char          *desc_exten,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (!bbh_check_phone (desc_exten, _("extension"), &error))
    {
      bbh_client_report_error (self, bbh_client_transfer_exten_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_params_add (params, "descExten", desc_exten);
  bbh_client_call_async (self, "transferExten", params, BBH_CALL_DEFAULT,
                         parse_ok, NULL, bbh_client_transfer_exten_async,
                         cancellable, callback, user_data);
}

gboolean
bbh_client_transfer_exten_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_optional (self, result, bbh_client_transfer_exten_async, "transferExten", error);
}
