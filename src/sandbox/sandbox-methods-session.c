/* sandbox-methods-session.c — login, check-in, events, calls, callbacks and the device protocol
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-session"

#include "config.h"

#include <glib/gstdio.h>

#include "sandbox-db.h"
#include "sandbox-recordings.h"
#include "sandbox-server.h"
#include "sandbox-simulator.h"

#define DEFAULT_LIMIT 100
#define MAX_LIMIT     1000

static gboolean
param_int (SandboxRequest  *request,
           const char      *name,
           gint64           fallback,
           gint64           min,
           gint64           max,
           gint64          *out_value,
           GError         **error)
{
  const char *text = sandbox_param (request, name);
  gint64 value = fallback;

  if (text != NULL && *text != '\0'
      && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "parameter %s must be a number, not “%s”", name, text);
      return FALSE;
    }
  if (value < min || value > max)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "parameter %s must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                   name, min, max);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

/* A 3-digit extension of the caller's company, or a full 9-digit account. */
static SandboxAgent *
lookup_colleague (SandboxRequest *request,
                  const char     *exten)
{
  g_autofree char *account = NULL;
  SandboxAgent *agent;

  if (exten == NULL || *exten == '\0')
    return NULL;
  account = strlen (exten) < 9 ? g_strconcat (request->agent->comp_number, exten, NULL)
                               : g_strdup (exten);
  agent = sandbox_db_lookup_agent (request->db, account);
  if (agent != NULL && agent->comp_id != request->agent->comp_id)
    g_clear_pointer (&agent, sandbox_agent_free);
  return agent;
}

/* ---- getExtension, setUserCheckInOut ---- */

static JsonNode *
get_extension (SandboxRequest  *request,
               GError         **error)
{
  SandboxAgent *agent = request->agent;
  JsonObject *answer = sandbox_answer_ok ();
  g_autofree char *session_id = g_uuid_string_random ();

  json_object_set_int_member (answer, "exteId", agent->exte_id);
  json_object_set_string_member (answer, "name", agent->name ? agent->name : "");
  json_object_set_string_member (answer, "extension", agent->extension ? agent->extension : "");
  json_object_set_string_member (answer, "compNumber", agent->comp_number ? agent->comp_number : "");
  json_object_set_string_member (answer, "compName", agent->comp_name ? agent->comp_name : "");
  json_object_set_int_member (answer, "disablePhoneNum", agent->disable_phone_num);
  json_object_set_int_member (answer, "exteLoginType", agent->login_type);
  json_object_set_int_member (answer, "exteStatus", agent->status);
  json_object_set_string_member (answer, "exteMobile", agent->mobile ? agent->mobile : "");
  json_object_set_string_member (answer, "sessionId", session_id);
  json_object_set_int_member (answer, "compId", agent->comp_id);
  /* The SDK hands loginLine back to getLongWaterLine; it is this login's time. */
  json_object_set_int_member (answer, "loginLine", sandbox_now_ms ());
  json_object_set_boolean_member (answer, "checkedIn", agent->checked_in);
  return sandbox_answer_node (answer);
}

static JsonNode *
set_user_check_in_out (SandboxRequest  *request,
                       GError         **error)
{
  g_autoptr(SandboxAgent) other = NULL;
  const char *exten = sandbox_param (request, "exten");
  SandboxAgent *target = request->agent;
  JsonObject *answer;
  gint64 status;

  if (!param_int (request, "status", 0, 0, 1, &status, error))
    return NULL;

  if (exten != NULL && *exten != '\0' && g_strcmp0 (exten, request->agent->extension) != 0
      && g_strcmp0 (exten, request->agent->account) != 0)
    {
      /* Checking someone else in or out is the administrator's business. */
      if (request->agent->status != 2)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PERMISSION,
                       "no permission: only an administrator checks other agents in or out");
          return NULL;
        }
      other = lookup_colleague (request, exten);
      if (other == NULL)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "no agent %s", exten);
          return NULL;
        }
      target = other;
    }

  if (!sandbox_db_set_checked_in (request->db, target->exte_id, status == 0, error))
    return NULL;

  answer = sandbox_answer_ok ();
  json_object_set_int_member (answer, "status", status);
  return sandbox_answer_node (answer);
}

/* ---- events ---- */

static JsonNode *
recv_msg (SandboxRequest  *request,
          GError         **error)
{
  SandboxEvents *events = sandbox_server_get_events (request->server);
  JsonObject *answer;
  JsonArray *msgs;
  gint64 client, water_line, limit, last;

  if (!param_int (request, "client", 1, 0, 9, &client, error)
      || !param_int (request, "waterLine", 0, 0, G_MAXINT64, &water_line, error)
      || !param_int (request, "limit", DEFAULT_LIMIT, 1, G_MAXINT32, &limit, error))
    return NULL;

  msgs = sandbox_events_query (events, request->agent->exte_id, client, water_line,
                               MIN (limit, MAX_LIMIT), &last);
  answer = sandbox_answer_ok ();
  json_object_set_int_member (answer, "waterLine", last);
  json_object_set_array_member (answer, "msgs", msgs);
  return sandbox_answer_node (answer);
}

typedef struct
{
  SandboxServer       *server;
  SandboxHeld         *held;
  SandboxEventsWaiter *waiter;
  guint                timeout_id;
  gint64               exte_id;
  int                  client;
  gint64               after;
  guint                limit;
} LongPoll;

static JsonNode *
long_poll_answer (SandboxRequest *request,
                  JsonArray      *msgs,
                  gint64          water_line)
{
  JsonObject *answer = sandbox_answer_ok ();
  JsonObject *user = json_object_new ();

  json_object_set_int_member (user, "exteId", request->agent->exte_id);
  json_object_set_string_member (user, "extension", request->agent->extension);
  json_object_set_string_member (user, "name", request->agent->name ? request->agent->name : "");
  json_object_set_int_member (user, "exteStatus", request->agent->status);

  json_object_set_int_member (answer, "waterline", water_line);
  json_object_set_array_member (answer, "msgs", msgs);
  json_object_set_object_member (answer, "userInfo", user);
  json_object_set_array_member (answer, "keylist", json_array_new ());
  return sandbox_answer_node (answer);
}

static void
long_poll_free (LongPoll *poll)
{
  g_clear_handle_id (&poll->timeout_id, g_source_remove);
  if (poll->waiter != NULL)
    sandbox_events_unwatch (sandbox_server_get_events (poll->server), poll->waiter);
  g_free (poll);
}

static void
long_poll_finish (LongPoll  *poll,
                  JsonArray *msgs,
                  gint64     water_line)
{
  SandboxHeld *held = poll->held;

  long_poll_free (poll);
  sandbox_held_answer (held, long_poll_answer (sandbox_held_get_request (held), msgs, water_line),
                       NULL);
}

static gboolean
on_long_poll_wake_cb (gpointer user_data)
{
  LongPoll *poll = user_data;
  gint64 last;
  JsonArray *msgs = sandbox_events_query (sandbox_server_get_events (poll->server), poll->exte_id,
                                          poll->client, poll->after, poll->limit, &last);

  if (json_array_get_length (msgs) == 0)
    {
      json_array_unref (msgs);   /* the client's own message: keep waiting */
      return FALSE;
    }
  poll->waiter = NULL;   /* the events module removes it when we return TRUE */
  long_poll_finish (poll, msgs, last);
  return TRUE;
}

static gboolean
on_long_poll_timeout_cb (gpointer user_data)
{
  LongPoll *poll = user_data;

  poll->timeout_id = 0;
  long_poll_finish (poll, json_array_new (), poll->after);
  return G_SOURCE_REMOVE;
}

static void
on_long_poll_gone_cb (gpointer user_data)
{
  long_poll_free (user_data);
}

static JsonNode *
get_long_water_line (SandboxRequest  *request,
                     GError         **error)
{
  SandboxEvents *events = sandbox_server_get_events (request->server);
  const char *name = sandbox_param (request, "waterLine") ? "waterLine" : "waterline";
  LongPoll *poll;
  JsonArray *msgs;
  gint64 client, water_line, limit, last;

  if (!param_int (request, "client", 1, 0, 9, &client, error)
      || !param_int (request, name, 0, 0, G_MAXINT64, &water_line, error)
      || !param_int (request, "limit", DEFAULT_LIMIT, 1, G_MAXINT32, &limit, error))
    return NULL;

  msgs = sandbox_events_query (events, request->agent->exte_id, client, water_line,
                               MIN (limit, MAX_LIMIT), &last);
  if (json_array_get_length (msgs) > 0)
    return long_poll_answer (request, msgs, last);
  json_array_unref (msgs);

  /* Nothing yet: hold the request until a message for this agent or the timeout. */
  poll = g_new0 (LongPoll, 1);
  poll->server = request->server;
  poll->exte_id = request->agent->exte_id;
  poll->client = client;
  poll->after = water_line;
  poll->limit = MIN (limit, MAX_LIMIT);
  poll->held = sandbox_request_hold (request, on_long_poll_gone_cb, poll);
  poll->waiter = sandbox_events_watch (events, poll->exte_id, on_long_poll_wake_cb, poll);
  poll->timeout_id = g_timeout_add (sandbox_server_get_longpoll_ms (request->server),
                                    on_long_poll_timeout_cb, poll);
  return NULL;
}

static JsonNode *
send_msg (SandboxRequest  *request,
          GError         **error)
{
  SandboxSimulator *simulator = sandbox_server_get_simulator (request->server);
  const char *phone = sandbox_param (request, "phone");
  const char *content = sandbox_param (request, "content");
  JsonObject *answer;
  gint64 kind, client, time_ms, water_line;

  if (!param_int (request, "kind", 0, 1, 7, &kind, error)
      || !param_int (request, "client", 1, 0, 9, &client, error)
      || !param_int (request, "time", sandbox_now_ms (), 0, G_MAXINT64, &time_ms, error))
    return NULL;

  /* For the agent's other clients: the sender's own client type never gets it back. */
  water_line = sandbox_events_append (sandbox_server_get_events (request->server),
                                      request->agent->exte_id, kind, phone, content, time_ms,
                                      client);

  /* Answer / hang up from the desktop act on the call in progress. */
  if (kind == 6)
    sandbox_simulator_answer (simulator, request->agent->exte_id);
  else if (kind == 7)
    sandbox_simulator_hangup (simulator, request->agent->exte_id, NULL);

  answer = sandbox_answer_ok ();
  json_object_set_int_member (answer, "waterLine", water_line);
  return sandbox_answer_node (answer);
}

/* ---- calls in progress ---- */

static JsonNode *
hangup_exten (SandboxRequest  *request,
              GError         **error)
{
  if (!sandbox_simulator_hangup (sandbox_server_get_simulator (request->server),
                                 request->agent->exte_id, sandbox_param (request, "phoneNum")))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "no call in progress");
      return NULL;
    }
  return sandbox_answer_node (sandbox_answer_ok ());
}

static JsonNode *
transfer_exten (SandboxRequest  *request,
                GError         **error)
{
  const char *exten = sandbox_param (request, "descExten");
  g_autoptr(SandboxAgent) to = lookup_colleague (request, exten);

  if (to == NULL)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "no agent %s", exten);
      return NULL;
    }
  if (!sandbox_simulator_transfer (sandbox_server_get_simulator (request->server),
                                   request->agent->exte_id, to))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                           "no answered call in progress to transfer");
      return NULL;
    }
  return sandbox_answer_node (sandbox_answer_ok ());
}

/* ---- callbacks ---- */

static JsonNode *
callback_phone (SandboxRequest  *request,
                GError         **error)
{
  const char *source = sandbox_param (request, "sourcePhone");
  g_autofree char *desc = NULL;
  const char *encoded_url = sandbox_param (request, "callbackUrl");
  g_autofree char *url = NULL;
  JsonObject *answer;
  gint64 id;

  desc = sandbox_normalize_phone (sandbox_param (request, "descPhone"), "descPhone", error);
  if (desc == NULL)
    return NULL;
  if (encoded_url != NULL && *encoded_url != '\0')
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (encoded_url, &length);

      url = g_strndup ((const char *) decoded, length);
      if (length == 0 || !g_utf8_validate (url, -1, NULL) || !g_str_has_prefix (url, "http"))
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "callbackUrl must be the base64 of an http URL");
          return NULL;
        }
    }

  id = sandbox_simulator_callback (sandbox_server_get_simulator (request->server), request->agent,
                                   source, desc, url, sandbox_param (request, "paramvalue"),
                                   error);
  if (id == 0)
    return NULL;

  answer = sandbox_answer_ok ();
  json_object_set_int_member (answer, "id", id);
  return sandbox_answer_node (answer);
}

static void
set_time_member (JsonObject   *row,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  g_autofree char *text = sandbox_format_time (sqlite3_column_int64 (stmt, column));

  json_object_set_string_member (row, name, text);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

static JsonNode *
get_callback_list (SandboxRequest  *request,
                   GError         **error)
{
  sqlite3 *handle = sandbox_db_get_handle (request->db);
  const char *extension = sandbox_param (request, "extension");
  sqlite3_stmt *stmt = NULL;
  JsonObject *answer;
  JsonArray *rows;
  gint64 start, limit, id, from_ms, to_ms, total = 0;
  gint64 only_agent = request->agent->status == 2 ? 0 : request->agent->exte_id;
  const char *where =
    " WHERE comp_id = ?1 AND (?2 = 0 OR exte_id = ?2) AND (?3 = '' OR extension = ?3)"
    " AND (?4 = 0 OR create_ms >= ?4) AND (?5 = 0 OR create_ms <= ?5) AND (?6 = 0 OR cbk_id = ?6)";
  g_autofree char *count_sql = g_strconcat ("SELECT COUNT(*) FROM sandbox_callbacks", where, NULL);
  g_autofree char *rows_sql = NULL;

  if (!param_int (request, "start", 0, 0, G_MAXINT32, &start, error)
      || !param_int (request, "limit", 25, 1, MAX_LIMIT, &limit, error)
      || !param_int (request, "id", 0, 0, G_MAXINT64, &id, error)
      || !sandbox_param_time (request, "startTime", 0, &from_ms, error)
      || !sandbox_param_time (request, "endTime", 0, &to_ms, error))
    return NULL;

  /* A 9-digit account in `extension` means its last three digits. */
  if (extension != NULL && strlen (extension) == 9)
    extension += 6;

  rows_sql = g_strconcat ("SELECT cbk_id, exte_id, source_phone, desc_phone, status, create_ms,"
                          " begin_ms, success_ms, end_ms, times, transfer_success_ms,"
                          " transfer_end_ms, transfer_times, result_code, error_code, wav_file,"
                          " extension, type, url, cdr_id FROM sandbox_callbacks", where,
                          " ORDER BY create_ms DESC, cbk_id DESC LIMIT ?7 OFFSET ?8", NULL);

  rows = json_array_new ();
  for (int pass = 0; pass < 2; pass++)
    {
      if (sqlite3_prepare_v2 (handle, pass == 0 ? count_sql : rows_sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "%s", sqlite3_errmsg (handle));
          json_array_unref (rows);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
      sqlite3_bind_int64 (stmt, 2, only_agent);
      sqlite3_bind_text (stmt, 3, extension ? extension : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, from_ms);
      sqlite3_bind_int64 (stmt, 5, to_ms);
      sqlite3_bind_int64 (stmt, 6, id);
      if (pass == 0)
        {
          if (sqlite3_step (stmt) == SQLITE_ROW)
            total = sqlite3_column_int64 (stmt, 0);
          sqlite3_finalize (stmt);
          continue;
        }

      sqlite3_bind_int64 (stmt, 7, limit);
      sqlite3_bind_int64 (stmt, 8, start);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *row = json_object_new ();

          json_object_set_int_member (row, "cbkId", sqlite3_column_int64 (stmt, 0));
          json_object_set_int_member (row, "cbk_exteId", sqlite3_column_int64 (stmt, 1));
          json_object_set_string_member (row, "cbkSourcePhone", column_text (stmt, 2));
          json_object_set_string_member (row, "cbkDescPhone", column_text (stmt, 3));
          json_object_set_int_member (row, "cbkStatus", sqlite3_column_int (stmt, 4));
          set_time_member (row, "cbkCreateTime", stmt, 5);
          set_time_member (row, "cbkBeginTime", stmt, 6);
          set_time_member (row, "cbkSuccessTime", stmt, 7);
          set_time_member (row, "cbkEndTime", stmt, 8);
          json_object_set_int_member (row, "cbkTimes", sqlite3_column_int (stmt, 9));
          set_time_member (row, "cbkTransferSuccessTime", stmt, 10);
          set_time_member (row, "cbkTransferEndTime", stmt, 11);
          json_object_set_int_member (row, "cbkTransferTimes", sqlite3_column_int (stmt, 12));
          json_object_set_int_member (row, "cbkResultCode", sqlite3_column_int (stmt, 13));
          json_object_set_int_member (row, "cbkErrorCode", sqlite3_column_int (stmt, 14));
          json_object_set_string_member (row, "cbkWavFile", column_text (stmt, 15));
          json_object_set_string_member (row, "cbkExtension", column_text (stmt, 16));
          json_object_set_int_member (row, "cbkType", sqlite3_column_int (stmt, 17));
          json_object_set_string_member (row, "cbkUrl", column_text (stmt, 18));
          json_object_set_int_member (row, "cdrId", sqlite3_column_int64 (stmt, 19));
          json_array_add_object_element (rows, row);
        }
      sqlite3_finalize (stmt);
    }

  answer = sandbox_answer_ok ();
  json_object_set_boolean_member (answer, "success", TRUE);
  json_object_set_int_member (answer, "total", total);
  json_object_set_array_member (answer, "rows", rows);
  return sandbox_answer_node (answer);
}

/* ---- getTaskDetailPhone ("call next") ---- */

static JsonNode *
get_task_detail_phone (SandboxRequest  *request,
                       GError         **error)
{
  SandboxAgent *agent = request->agent;
  sqlite3_stmt *stmt;
  JsonObject *answer;
  g_autofree char *phone = NULL;
  g_autofree char *phone_name = NULL;
  g_autofree char *ctd_id = NULL;
  g_autofree char *ctk_id = NULL;
  gint64 cf_id = 0;
  gint64 now = sandbox_now_ms ();

  /* The next number nobody has called yet: the agent's own first, then the task's shared ones. */
  stmt = sandbox_db_prepare (request->db,
    "SELECT CAST(d.ctd_id AS TEXT), d.ctd_phone, d.ctd_phone_name, COALESCE(t.cf_id, 0),"
    " CAST(d.ctk_id AS TEXT) FROM task_details d JOIN tasks t ON t.ctk_id = d.ctk_id"
    " WHERE d.comp_id = ?1 AND d.ctd_status = 0 AND (d.exte_id IS NULL OR d.exte_id = ?2)"
    " ORDER BY d.exte_id IS NULL, d.ctd_id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, agent->exte_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ctd_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      phone = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      phone_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      cf_id = sqlite3_column_int64 (stmt, 3);
      ctk_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (phone == NULL)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                           "no numbers left to call in your tasks");
      return NULL;
    }

  /* Handed out: it is being called by this agent, and nobody else gets it. */
  stmt = sandbox_db_prepare (request->db,
    "UPDATE task_details SET ctd_status = 1, exte_id = ?1, ctd_extension = ?2, ctd_call_ms = ?3,"
    " ctd_begin_ms = ?3, ctd_re_num = ctd_re_num + 1 WHERE ctd_id = CAST(?4 AS INTEGER)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, agent->exte_id);
  sqlite3_bind_text (stmt, 2, agent->extension, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_text (stmt, 4, ctd_id, -1, SQLITE_TRANSIENT);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return NULL;

  answer = sandbox_answer_ok ();
  json_object_set_boolean_member (answer, "success", TRUE);
  json_object_set_string_member (answer, "phone", phone);
  json_object_set_string_member (answer, "phoneName", phone_name ? phone_name : "");
  json_object_set_int_member (answer, "cfId", cf_id);
  json_object_set_string_member (answer, "ctdId", ctd_id);
  json_object_set_string_member (answer, "ctkId", ctk_id);
  return sandbox_answer_node (answer);
}

/* ---- the method table ---- */

static const SandboxMethod session_methods[] = {
  { "getExtension",      get_extension,         FALSE, NULL },
  { "setUserCheckInOut", set_user_check_in_out, FALSE, "status" },
  { "recvMsg",           recv_msg,              FALSE, NULL },
  { "getLongWaterLine",  get_long_water_line,   FALSE, NULL },
  { "sendMsg",           send_msg,              FALSE, "kind phone" },
  { "hangupExten",       hangup_exten,          FALSE, NULL },
  { "transferExten",     transfer_exten,        FALSE, "descExten" },
  { "callbackPhone",     callback_phone,        FALSE, "sourcePhone descPhone" },
  { "getCallbackList",   get_callback_list,     FALSE, NULL },
  { "getTaskDetailPhone", get_task_detail_phone, FALSE, NULL },
  { NULL }
};

const SandboxMethod *
sandbox_methods_session (void)
{
  return session_methods;
}
