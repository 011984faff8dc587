/* sandbox-simulator.c — scripted and random calls, callbacks (callbackPhone)
 *
 * A call is a little state machine on main-loop timeouts: ringing → talking → ended. Each step
 * appends a message for the agent (kind 2 incoming / kind 1 outgoing, content
 * `{status:S,cdrId:ID,talkTimes:N}`). Hang-up is status 2, as in the document's sendMsg section
 * and the vendor's SDK (the recvMsg section says 3; clients accept both).
 *
 * The cdrId is chosen when the call starts (the control API returns it at once) and the call
 * record written at the hang-up is given that id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-simulator"

#include "config.h"

#include <glib/gstdio.h>

#include "sandbox-db.h"
#include "sandbox-recordings.h"
#include "sandbox-simulator.h"

typedef enum
{
  CALL_RINGING,
  CALL_TALKING,
  CALL_ENDED,
} CallState;

typedef struct
{
  SandboxSimulator *sim;
  gint64            exte_id;
  gint64            comp_id;
  char             *extension;
  char             *phone;
  gboolean          outgoing;
  guint             ring_ms;
  guint             talk_ms;
  gboolean          record;
  gint64            cdr_id;
  gint64            start_ms;
  gint64            answer_ms;
  CallState         state;
  guint             timeout_id;
  /* callbackPhone */
  gint64            cbk_id;
  char             *callback_url;
  char             *paramvalue;
} SimCall;

struct _SandboxSimulator
{
  SandboxServer *server;
  SandboxDb     *db;
  GList         *calls;       /* SimCall, every call not ended */
  GHashTable    *current;     /* exte_id → SimCall, the newest call of each agent */
  GHashTable    *next_due;    /* exte_id → gint64 *, random mode */
  SoupSession   *session;
  guint          random_id;
  guint          sim_min_ms;
  guint          sim_max_ms;
  guint          callback_ring_ms;
  guint          callback_talk_ms;
  gint64         last_id;
};

static guint
env_ms (const char *name,
        guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return value;
  return fallback;
}

/* Callback ids: 64-bit, above 2^53 like the real server's, increasing. */
static gint64
next_id (SandboxSimulator *self)
{
  gint64 id = G_GINT64_CONSTANT (6000000000000000000) + sandbox_now_ms () * 1000;

  self->last_id = MAX (id, self->last_id + 1);
  return self->last_id;
}

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;
  host = g_uri_get_host (uri);
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0
         || g_strcmp0 (host, "::1") == 0;
}

static void
on_notify_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = user_data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    g_debug ("Notifying %s failed (ignored): %s", url, error->message);
}

void
sandbox_simulator_notify_url (SandboxSimulator *self,
                              const char       *url)
{
  g_autoptr(SoupMessage) msg = NULL;

  if (url == NULL || !is_loopback_url (url))
    {
      g_debug ("Not notifying %s: only http URLs on this machine are called", url);
      return;
    }
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    return;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_notify_done_cb, g_strdup (url));
}

/* ---- callbacks table ---- */

static void
callback_update (SandboxSimulator *self,
                 gint64            cbk_id,
                 const char       *sql_set,
                 gint64            value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE sandbox_callbacks SET %s WHERE cbk_id = ?",
                                          sql_set);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sandbox_db_get_handle (self->db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("%s: %s", sql, sqlite3_errmsg (sandbox_db_get_handle (self->db)));
      return;
    }
  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, cbk_id);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

/* ---- calls ---- */

static void
sim_call_free (SimCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_free (call->extension);
  g_free (call->phone);
  g_free (call->callback_url);
  g_free (call->paramvalue);
  g_free (call);
}

/* ---- the company's push URL (document section 2.10.4) ---- */

static char *
company_push_url (SandboxSimulator *self,
                  gint64            comp_id)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (self->db,
                                           "SELECT push_url FROM companies WHERE comp_id = ?", NULL);
  char *url = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comp_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL
      && *sqlite3_column_text (stmt, 0) != '\0')
    url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return url;
}

/* The hang-up's memo: the call record's fields under the document's names. */
static char *
record_memo (SandboxSimulator *self,
             gint64            cdr_id,
             const char       *paramvalue)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (self->db,
    "SELECT CAST(cdr_id AS TEXT) AS cdrId, cdr_extension AS cdrExtension,"
    " cdr_called_name AS cdrCalledName, cdr_extension_ip AS cdrExtensionIp,"
    " sandbox_time(cdr_hangup_ms) AS cdrHangupTime, cdr_phone_port AS cdrPhonePort,"
    " sandbox_time(cdr_start_ms) AS cdrStartTime, cdr_ivr AS cdrIVR, cdr_talktime AS cdrTalktime,"
    " cdr_charging_times AS cdrChargingTimes, cdr_last_phone_num AS cdrLastPhoneNum,"
    " cdr_peer AS cdrPeer, exte_name AS exteName, cdr_hangup_text AS cdrHangupReasonText,"
    " cdr_phone_num AS cdrPhoneNum, cdr_phone_ip AS cdrPhoneIp,"
    " cdr_hangup_code AS cdrHangupReasonCode, cdr_trunk_route AS cdrTrunkRoute,"
    " CAST(cdr_cmm_id AS TEXT) AS cdrCmmId, cdr_extension_port AS cdrExtensionPort,"
    " cdr_ivr_key AS cdrIVRKey, cdr_record_file AS cdrRecordFile"
    " FROM call_records WHERE cdr_id = ?", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cdr_id);
  json_builder_begin_object (builder);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sandbox_json_add_row_members (builder, stmt);
  sqlite3_reset (stmt);
  json_builder_set_member_name (builder, "paramvalue");
  json_builder_add_string_value (builder, paramvalue ? paramvalue : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* type 1 call, 2 answered, 3 hung up, 4 recording ready. */
static void
push (SimCall *call,
      int      type,
      gint64   cdr_id)
{
  SandboxSimulator *self = call->sim;
  g_autofree char *base = company_push_url (self, call->comp_id);
  g_autoptr(GString) url = NULL;

  if (base == NULL)
    return;

  url = g_string_new (base);
  g_string_append_c (url, strchr (base, '?') ? '&' : '?');
  g_string_append_printf (url, "type=%d&peer=%d&phone=", type, call->outgoing ? 1 : 2);
  g_string_append_uri_escaped (url, call->phone, NULL, FALSE);
  if (cdr_id > 0)
    {
      g_autofree char *memo = record_memo (self, cdr_id, call->paramvalue);

      g_string_append (url, "&memo=");
      g_string_append_uri_escaped (url, memo ? memo : "{}", NULL, FALSE);
    }
  sandbox_simulator_notify_url (self, url->str);
}

static void
call_event (SimCall *call,
            int      status,
            gint64   cdr_id,
            int      talk_seconds)
{
  g_autofree char *content = sandbox_events_call_content (status, cdr_id, talk_seconds);

  sandbox_events_push (call->sim->server, call->exte_id, call->outgoing ? 1 : 2, call->phone,
                       content);
}

/* The data side numbers call records itself; the simulator promised an id up front, so the
 * record is renumbered to it. */
static void
renumber_call_record (SandboxSimulator *self,
                      gint64            from,
                      gint64            to)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (self->db,
                                           "UPDATE call_records SET cdr_id = ?1 WHERE cdr_id = ?2",
                                           NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, to);
      sqlite3_bind_int64 (stmt, 2, from);
      if (sqlite3_step (stmt) == SQLITE_DONE
          && sqlite3_changes (sandbox_db_get_handle (self->db)) > 0)
        return;
    }
  g_warning ("Could not give call record %" G_GINT64_FORMAT " the id %" G_GINT64_FORMAT,
             from, to);
}

static char *
synthesize_recording (SimCall *call,
                      int      talk_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *day = g_date_time_format (now, "%Y%m/%d");
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M");
  g_autofree char *dir = g_build_filename (sandbox_db_get_recordings_dir (call->sim->db), day, NULL);
  g_autofree char *name = g_strdup_printf ("%s-%s-%s-%" G_GINT64_FORMAT ".wav", call->phone,
                                           call->extension, stamp, call->cdr_id);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  if (!sandbox_recordings_synthesize (path, CLAMP (talk_seconds, 1, 600),
                                      (guint32) call->cdr_id, &error))
    {
      g_warning ("Could not write the recording %s: %s", path, error->message);
      return NULL;
    }
  return g_strdup_printf ("%s/%s", day, name);
}

static void
call_end (SimCall *call)
{
  SandboxSimulator *self = call->sim;
  g_autoptr(GError) error = NULL;
  g_autofree char *record_file = NULL;
  SandboxCallRecord record = { 0 };
  gint64 now = sandbox_now_ms ();
  int talk_seconds = 0;
  gint64 cdr_id;

  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->state == CALL_ENDED)
    return;

  if (call->answer_ms > 0)
    talk_seconds = MAX (1, (int) ((now - call->answer_ms + 500) / 1000));
  if (call->record && call->answer_ms > 0)
    record_file = synthesize_recording (call, talk_seconds);

  record.comp_id = call->comp_id;
  record.exte_id = call->exte_id;
  record.phone = call->phone;
  record.peer = call->outgoing ? 1 : 2;
  record.start_ms = call->start_ms;
  record.answer_ms = call->answer_ms;
  record.hangup_ms = now;
  record.talk_seconds = talk_seconds;
  record.record_file = record_file;
  record.hangup_code = call->answer_ms > 0 ? 16 : 19;
  record.hangup_text = call->answer_ms > 0 ? "正常挂机" : "无人接听";

  cdr_id = sandbox_db_add_call_record (self->db, &record, &error);
  if (cdr_id == 0)
    {
      g_warning ("Could not add the call record: %s", error ? error->message : "?");
    }
  else if (cdr_id != call->cdr_id)
    {
      renumber_call_record (self, cdr_id, call->cdr_id);
    }

  call->state = CALL_ENDED;
  call_event (call, 2, call->cdr_id, talk_seconds);
  push (call, 3, cdr_id != 0 ? call->cdr_id : 0);
  if (record_file != NULL && cdr_id != 0)
    push (call, 4, call->cdr_id);

  if (call->cbk_id != 0)
    {
      g_autofree char *url = NULL;

      callback_update (self, call->cbk_id, "end_ms = ?", now);
      callback_update (self, call->cbk_id, "times = ?", talk_seconds);
      callback_update (self, call->cbk_id, "cdr_id = ?", call->cdr_id);
      if (record_file != NULL)
        {
          sqlite3_stmt *stmt = NULL;

          sqlite3_prepare_v2 (sandbox_db_get_handle (self->db),
                              "UPDATE sandbox_callbacks SET wav_file = ? WHERE cbk_id = ?",
                              -1, &stmt, NULL);
          sqlite3_bind_text (stmt, 1, record_file, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, call->cbk_id);
          sqlite3_step (stmt);
          sqlite3_finalize (stmt);
        }
      if (call->callback_url != NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, call->cbk_id);
          g_auto(GStrv) parts = g_strsplit (call->callback_url, "{cbkId}", -1);

          /* The template carries {cbkId}; a URL without it gets the id appended. */
          url = g_strv_length (parts) > 1 ? g_strjoinv (id, parts)
                                          : g_strconcat (call->callback_url, id, NULL);
          sandbox_simulator_notify_url (self, url);
        }
    }

  self->calls = g_list_remove (self->calls, call);
  if (g_hash_table_lookup (self->current, &call->exte_id) == call)
    g_hash_table_remove (self->current, &call->exte_id);
  sim_call_free (call);
}

static gboolean
on_hangup_timeout_cb (gpointer user_data)
{
  SimCall *call = user_data;

  call->timeout_id = 0;
  call_end (call);
  return G_SOURCE_REMOVE;
}

static void
call_answer (SimCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  call->state = CALL_TALKING;
  call->answer_ms = sandbox_now_ms ();
  if (call->cbk_id != 0)
    {
      callback_update (call->sim, call->cbk_id, "status = ?", 4);
      callback_update (call->sim, call->cbk_id, "success_ms = ?", call->answer_ms);
    }
  call_event (call, 1, -1, 0);
  push (call, 2, 0);
  call->timeout_id = g_timeout_add (call->talk_ms > 0 ? call->talk_ms : 30000,
                                    on_hangup_timeout_cb, call);
}

static gboolean
on_ring_timeout_cb (gpointer user_data)
{
  SimCall *call = user_data;

  call->timeout_id = 0;
  if (call->talk_ms == 0)
    {
      if (call->cbk_id != 0)
        callback_update (call->sim, call->cbk_id, "status = ?", 3);
      call_end (call);
    }
  else
    {
      call_answer (call);
    }
  return G_SOURCE_REMOVE;
}

static SimCall *
call_start (SandboxSimulator        *self,
            const SandboxAgent      *agent,
            const SandboxCallScript *script)
{
  SimCall *call = g_new0 (SimCall, 1);

  call->sim = self;
  call->exte_id = agent->exte_id;
  call->comp_id = agent->comp_id;
  call->extension = g_strdup (agent->extension ? agent->extension : agent->account);
  call->phone = g_strdup (script->phone);
  call->outgoing = script->outgoing;
  call->ring_ms = script->ring_ms;
  call->talk_ms = script->talk_ms;
  call->record = script->record;
  /* Reserved from the data side's sequence: the record written at the hang-up gets it. */
  call->cdr_id = sandbox_db_next_cdr_id (self->db);
  call->start_ms = sandbox_now_ms ();
  call->state = CALL_RINGING;

  self->calls = g_list_prepend (self->calls, call);
  g_hash_table_replace (self->current, g_memdup2 (&call->exte_id, sizeof (gint64)), call);
  return call;
}

gint64
sandbox_simulator_start_call (SandboxSimulator        *self,
                              const SandboxAgent      *agent,
                              const SandboxCallScript *script,
                              GError                 **error)
{
  SimCall *call;

  g_return_val_if_fail (self != NULL && agent != NULL && script != NULL, 0);

  if (script->phone == NULL || *script->phone == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER, "missing phone");
      return 0;
    }

  call = call_start (self, agent, script);
  g_message ("call %" G_GINT64_FORMAT ": %s %s agent %s, ring %u ms, talk %u ms",
             call->cdr_id, call->outgoing ? "to" : "from", call->phone, agent->account,
             call->ring_ms, call->talk_ms);
  call_event (call, 0, -1, 0);
  push (call, 1, 0);
  call->timeout_id = g_timeout_add (call->ring_ms, on_ring_timeout_cb, call);
  return call->cdr_id;
}

gboolean
sandbox_simulator_answer (SandboxSimulator *self,
                          gint64            exte_id)
{
  SimCall *call = g_hash_table_lookup (self->current, &exte_id);

  if (call == NULL || call->state != CALL_RINGING)
    return FALSE;
  call_answer (call);
  return TRUE;
}

gboolean
sandbox_simulator_hangup (SandboxSimulator *self,
                          gint64            exte_id,
                          const char       *phone)
{
  SimCall *call = g_hash_table_lookup (self->current, &exte_id);

  if (call == NULL || (phone != NULL && *phone != '\0' && g_strcmp0 (phone, call->phone) != 0))
    return FALSE;
  if (call->state == CALL_RINGING && call->cbk_id != 0)
    callback_update (self, call->cbk_id, "status = ?", 3);
  call_end (call);
  return TRUE;
}

gboolean
sandbox_simulator_transfer (SandboxSimulator   *self,
                            gint64              exte_id,
                            const SandboxAgent *to)
{
  SimCall *call = g_hash_table_lookup (self->current, &exte_id);
  SandboxCallScript script = { 0 };
  g_autofree char *phone = NULL;
  guint talked_ms;

  if (call == NULL || call->state != CALL_TALKING || to == NULL)
    return FALSE;

  /* The caller leaves this agent (a hang-up with this leg's record) and rings the other one
   * for the rest of the scripted talk. */
  talked_ms = sandbox_now_ms () - call->answer_ms;
  phone = g_strdup (call->phone);
  script.phone = phone;
  script.outgoing = FALSE;
  script.ring_ms = 2000;
  script.talk_ms = call->talk_ms > talked_ms + 1000 ? call->talk_ms - talked_ms : 10000;
  script.record = call->record;
  if (call->cbk_id != 0)
    callback_update (self, call->cbk_id, "status = ?", 5);
  call_end (call);
  sandbox_simulator_start_call (self, to, &script, NULL);
  return TRUE;
}

const char *
sandbox_simulator_get_current_phone (SandboxSimulator *self,
                                     gint64            exte_id)
{
  SimCall *call = g_hash_table_lookup (self->current, &exte_id);

  return call ? call->phone : NULL;
}

gint64
sandbox_simulator_callback (SandboxSimulator   *self,
                            const SandboxAgent *agent,
                            const char         *source_phone,
                            const char         *desc_phone,
                            const char         *callback_url,
                            const char         *paramvalue,
                            GError            **error)
{
  SandboxCallScript script = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *handle = sandbox_db_get_handle (self->db);
  gint64 now = sandbox_now_ms ();
  gint64 cbk_id = next_id (self);
  SimCall *call;
  gboolean answered;

  if (sqlite3_prepare_v2 (handle,
                          "INSERT INTO sandbox_callbacks (cbk_id, exte_id, comp_id, extension,"
                          " source_phone, desc_phone, status, type, create_ms, begin_ms, url,"
                          " paramvalue) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "%s", sqlite3_errmsg (handle));
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, cbk_id);
  sqlite3_bind_int64 (stmt, 2, agent->exte_id);
  sqlite3_bind_int64 (stmt, 3, agent->comp_id);
  sqlite3_bind_text (stmt, 4, agent->extension, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, source_phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, desc_phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  sqlite3_bind_text (stmt, 9, callback_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, paramvalue, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "%s", sqlite3_errmsg (handle));
      sqlite3_finalize (stmt);
      return 0;
    }
  sqlite3_finalize (stmt);

  /* Numbers ending in 000 never answer, so that clients (and tests) can see status 3. */
  answered = !g_str_has_suffix (desc_phone, "000");
  script.phone = desc_phone;
  script.outgoing = TRUE;
  script.ring_ms = self->callback_ring_ms;
  script.talk_ms = answered ? MAX (self->callback_talk_ms, 1) : 0;
  script.record = TRUE;

  call = call_start (self, agent, &script);
  call->cbk_id = cbk_id;
  call->callback_url = g_strdup (callback_url);
  call->paramvalue = g_strdup (paramvalue);
  g_message ("callback %" G_GINT64_FORMAT ": agent %s to %s", cbk_id, agent->account, desc_phone);
  call_event (call, 0, -1, 0);
  push (call, 1, 0);
  call->timeout_id = g_timeout_add (call->ring_ms, on_ring_timeout_cb, call);
  return cbk_id;
}

/* ---- random calls (--simulate) ---- */

static char *
random_unknown_phone (void)
{
  return g_strdup_printf ("1%d%09d", g_random_int_range (3, 10), g_random_int_range (0, 1000000000));
}

static void
start_random_call (SandboxSimulator   *self,
                   const SandboxAgent *agent)
{
  SandboxCallScript script = { 0 };
  g_autofree char *phone = NULL;
  gboolean short_script = self->sim_max_ms < 20000;

  if (g_random_double () < 0.65)
    {
      g_autoptr(GPtrArray) phones = sandbox_db_sample_customer_phones (self->db, agent->comp_id, 1);

      if (phones != NULL && phones->len > 0)
        phone = g_strdup (g_ptr_array_index (phones, 0));
    }
  if (phone == NULL)
    phone = random_unknown_phone ();

  script.phone = phone;
  script.outgoing = FALSE;
  script.record = TRUE;
  if (g_random_double () < 0.7)
    {
      script.ring_ms = short_script ? g_random_int_range (300, 1500) : g_random_int_range (3000, 12000);
      script.talk_ms = short_script ? g_random_int_range (1000, 3000) : g_random_int_range (8000, 90000);
    }
  else
    {
      script.ring_ms = short_script ? g_random_int_range (500, 2000) : g_random_int_range (8000, 25000);
      script.talk_ms = 0;
    }
  sandbox_simulator_start_call (self, agent, &script, NULL);
}

static gboolean
on_random_tick_cb (gpointer user_data)
{
  SandboxSimulator *self = user_data;
  g_autoptr(GPtrArray) agents = sandbox_db_list_checked_in (self->db);
  gint64 now = sandbox_now_ms ();

  for (guint i = 0; agents && i < agents->len; i++)
    {
      SandboxAgent *agent = g_ptr_array_index (agents, i);
      gint64 *due = g_hash_table_lookup (self->next_due, &agent->exte_id);

      if (due == NULL)
        {
          /* An agent's first call comes in the first half of the range (20–40 s by default),
           * so that someone trying the demo hears from it within a minute of checking in. */
          due = g_new (gint64, 1);
          *due = now + g_random_int_range (self->sim_min_ms,
                                           self->sim_min_ms + (self->sim_max_ms - self->sim_min_ms) / 2 + 1);
          g_hash_table_insert (self->next_due, g_memdup2 (&agent->exte_id, sizeof (gint64)), due);
          continue;
        }
      if (g_hash_table_contains (self->current, &agent->exte_id))
        {
          /* Busy: the next call comes a while after this one ends. */
          *due = MAX (*due, now + self->sim_min_ms);
          continue;
        }
      if (now < *due)
        continue;

      start_random_call (self, agent);
      *due = now + g_random_int_range (self->sim_min_ms, self->sim_max_ms + 1);
    }
  return G_SOURCE_CONTINUE;
}

void
sandbox_simulator_set_random (SandboxSimulator *self,
                              gboolean          enabled)
{
  g_clear_handle_id (&self->random_id, g_source_remove);
  g_hash_table_remove_all (self->next_due);
  if (enabled)
    self->random_id = g_timeout_add (MIN (1000, MAX (self->sim_min_ms / 4, 50)),
                                     on_random_tick_cb, self);
}

/* ---- life cycle ---- */

SandboxSimulator *
sandbox_simulator_new (SandboxServer  *server,
                       GError        **error)
{
  SandboxSimulator *self;
  SandboxDb *db = sandbox_server_get_db (server);

  if (!sandbox_db_exec (db,
                        "CREATE TABLE IF NOT EXISTS sandbox_callbacks ("
                        " cbk_id INTEGER PRIMARY KEY,"
                        " exte_id INTEGER NOT NULL,"
                        " comp_id INTEGER NOT NULL,"
                        " extension TEXT,"
                        " source_phone TEXT,"
                        " desc_phone TEXT,"
                        " status INTEGER NOT NULL DEFAULT 0,"
                        " type INTEGER NOT NULL DEFAULT 0,"
                        " create_ms INTEGER NOT NULL DEFAULT 0,"
                        " begin_ms INTEGER NOT NULL DEFAULT 0,"
                        " success_ms INTEGER NOT NULL DEFAULT 0,"
                        " end_ms INTEGER NOT NULL DEFAULT 0,"
                        " transfer_success_ms INTEGER NOT NULL DEFAULT 0,"
                        " transfer_end_ms INTEGER NOT NULL DEFAULT 0,"
                        " times INTEGER NOT NULL DEFAULT 0,"
                        " transfer_times INTEGER NOT NULL DEFAULT 0,"
                        " result_code INTEGER NOT NULL DEFAULT 0,"
                        " error_code INTEGER NOT NULL DEFAULT 0,"
                        " wav_file TEXT NOT NULL DEFAULT '',"
                        " url TEXT,"
                        " paramvalue TEXT,"
                        " cdr_id INTEGER NOT NULL DEFAULT -1);"
                        "CREATE INDEX IF NOT EXISTS sandbox_callbacks_by_agent"
                        " ON sandbox_callbacks (comp_id, exte_id, create_ms);"
                        /* Commands waiting for a recording box (upload_record getMessageList). */
                        "CREATE TABLE IF NOT EXISTS sandbox_device_messages ("
                        " msg_id INTEGER PRIMARY KEY,"
                        " dev_mac TEXT NOT NULL,"
                        " status INTEGER NOT NULL DEFAULT 0,"
                        " channel INTEGER NOT NULL DEFAULT 1,"
                        " phone TEXT NOT NULL DEFAULT '',"
                        " function_name TEXT NOT NULL DEFAULT '',"
                        " paramvalue TEXT NOT NULL DEFAULT '',"
                        " create_ms INTEGER NOT NULL DEFAULT 0);",
                        error))
    return NULL;

  self = g_new0 (SandboxSimulator, 1);
  self->server = server;
  self->db = db;
  self->current = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->next_due = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->session = soup_session_new_with_options ("timeout", 10, NULL);
  self->sim_min_ms = env_ms ("BABAIHU_SANDBOX_SIM_MIN_MS", 20000);
  self->sim_max_ms = MAX (env_ms ("BABAIHU_SANDBOX_SIM_MAX_MS", 60000), self->sim_min_ms);
  self->sim_min_ms = MAX (self->sim_min_ms, 1);
  self->callback_ring_ms = env_ms ("BABAIHU_SANDBOX_CALLBACK_RING_MS", 3000);
  self->callback_talk_ms = env_ms ("BABAIHU_SANDBOX_CALLBACK_TALK_MS", 12000);
  return self;
}

void
sandbox_simulator_free (SandboxSimulator *self)
{
  if (self == NULL)
    return;

  g_clear_handle_id (&self->random_id, g_source_remove);
  g_list_free_full (self->calls, (GDestroyNotify) sim_call_free);
  g_hash_table_unref (self->current);
  g_hash_table_unref (self->next_due);
  g_clear_object (&self->session);
  g_free (self);
}
