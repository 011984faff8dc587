/* sandbox-control.c — the control API under /sandbox/ (JSON, no auth, loopback)
 *
 *   GET  /sandbox/status           {"port","control_port","fault","waiters","requests"}
 *   POST /sandbox/call             {"extension","phone","direction":"in|out","ring_ms","talk_ms",
 *                                   "record"} → {"cdrId"}; talk_ms 0 = nobody answers; an
 *                                  incoming call from a number cached with setIvrDialing is the
 *                                  IVR's outgoing call to the cached number, for its agent
 *   POST /sandbox/hangup           {"extension"} → ends the agent's current call
 *   POST /sandbox/fault            {"mode":"down|slow|garbage|http500|reset|none","ms","delay_ms"}
 *   POST /sandbox/simulate         {"enabled": true|false}
 *   POST /sandbox/company          {"compNumber" (default 100008), "push_url"} → sets where
 *                                  hang-ups and recordings are pushed (2.10.4; "" turns it off)
 *   GET  /sandbox/requests         {"total","requests":[…]} (sa_password redacted)
 *   POST /sandbox/reset-requests
 *
 * It is served on the control port always, and on the API port while no fault is active.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-control"

#include "config.h"

#include "sandbox-db.h"
#include "sandbox-server.h"
#include "sandbox-simulator.h"

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "error", message);
  node = sandbox_answer_node (object);
  sandbox_set_json_response (msg, status, node);
}

static void
reply_object (SoupServerMessage *msg,
              JsonObject        *object)
{
  g_autoptr(JsonNode) node = sandbox_answer_node (object);

  sandbox_set_json_response (msg, SOUP_STATUS_OK, node);
}

static JsonObject *
read_body (SoupServerMessage  *msg,
           GError            **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (g_bytes_get_size (body) == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "the body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static gboolean
member_bool (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return sandbox_json_member_int (object, name, fallback) != 0;
}

/* The 9-digit account, or the 3-digit extension of the demo company 100008. */
static SandboxAgent *
find_agent (SandboxServer *self,
            JsonObject    *body)
{
  g_autofree char *extension = sandbox_json_member_text (body, "extension");
  g_autofree char *account = NULL;

  if (extension == NULL)
    return NULL;
  account = strlen (extension) <= 4 ? g_strconcat ("100008", extension, NULL)
                                    : g_strdup (extension);
  return sandbox_db_lookup_agent (sandbox_server_get_db (self), account);
}

/* setIvrDialing (2.2.5): while the number an agent cached calls in, the IVR dials the cached
 * number for that agent. The agent (with *@out_dial) when @phone has such an entry, or NULL. */
static SandboxAgent *
ivr_dialing_for (SandboxServer *self,
                 gint64         comp_id,
                 const char    *phone,
                 char         **out_dial)
{
  SandboxDb *db = sandbox_server_get_db (self);
  sqlite3_stmt *stmt = sandbox_db_prepare (db,
    "SELECT c.comp_number || a.exte_extension, i.dial_phone FROM ivr_dial_cache i"
    " JOIN agents a ON a.exte_id = i.exte_id JOIN companies c ON c.comp_id = i.comp_id"
    " WHERE i.comp_id = ? AND i.source_phone = ? AND i.expires_ms > ?"
    " ORDER BY i.create_ms DESC LIMIT 1", NULL);
  g_autofree char *account = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, sandbox_now_ms ());
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_dial = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return account != NULL ? sandbox_db_lookup_agent (db, account) : NULL;
}

static void
handle_call (SandboxServer     *self,
             SoupServerMessage *msg,
             JsonObject        *body)
{
  g_autoptr(SandboxAgent) agent = find_agent (self, body);
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = sandbox_json_member_text (body, "phone");
  g_autofree char *direction = sandbox_json_member_text (body, "direction");
  SandboxCallScript script = { 0 };
  JsonObject *answer;
  gint64 cdr_id;

  if (agent == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "no such agent: give \"extension\" as the"
                                                 " 9-digit account or the demo company's 3 digits");
      return;
    }
  if (phone == NULL || *phone == '\0')
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "missing \"phone\"");
      return;
    }
  if (direction != NULL && !g_str_equal (direction, "in") && !g_str_equal (direction, "out"))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "\"direction\" is \"in\" or \"out\"");
      return;
    }

  script.phone = phone;
  script.outgoing = g_strcmp0 (direction, "out") == 0;
  if (!script.outgoing)
    {
      g_autofree char *dial = NULL;
      SandboxAgent *dialing = ivr_dialing_for (self, agent->comp_id, phone, &dial);

      /* The call the IVR places for the agent is theirs, outgoing, to the cached number. */
      if (dialing != NULL)
        {
          sandbox_agent_free (agent);
          agent = dialing;
          g_free (phone);
          phone = g_steal_pointer (&dial);
          script.phone = phone;
          script.outgoing = TRUE;
        }
    }
  script.ring_ms = CLAMP (sandbox_json_member_int (body, "ring_ms", 3000), 0, 600000);
  script.talk_ms = CLAMP (sandbox_json_member_int (body, "talk_ms", 10000), 0, 3600000);
  script.record = member_bool (body, "record", TRUE);

  cdr_id = sandbox_simulator_start_call (sandbox_server_get_simulator (self), agent, &script,
                                         &error);
  if (cdr_id == 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  answer = json_object_new ();
  json_object_set_int_member (answer, "cdrId", cdr_id);
  json_object_set_int_member (answer, "exteId", agent->exte_id);
  reply_object (msg, answer);
}

static void
handle_hangup (SandboxServer     *self,
               SoupServerMessage *msg,
               JsonObject        *body)
{
  g_autoptr(SandboxAgent) agent = find_agent (self, body);
  JsonObject *answer;

  if (agent == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "no such agent");
      return;
    }
  answer = json_object_new ();
  json_object_set_boolean_member (answer, "hungUp",
                                  sandbox_simulator_hangup (sandbox_server_get_simulator (self),
                                                            agent->exte_id, NULL));
  reply_object (msg, answer);
}

static void
handle_fault (SandboxServer     *self,
              SoupServerMessage *msg,
              JsonObject        *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = sandbox_json_member_text (body, "mode");
  gint64 ms = sandbox_json_member_int (body, "ms", 0);
  gint64 delay_ms = sandbox_json_member_int (body, "delay_ms", 0);
  JsonObject *answer;

  if (!sandbox_server_set_fault (self, mode, CLAMP (ms, 0, G_MAXINT), CLAMP (delay_ms, 0, 600000),
                                 &error))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "mode", mode);
  json_object_set_int_member (answer, "ms", ms);
  reply_object (msg, answer);
}

static void
handle_company (SandboxServer     *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  SandboxDb *db = sandbox_server_get_db (self);
  g_autofree char *number = sandbox_json_member_text (body, "compNumber");
  g_autofree char *push_url = sandbox_json_member_text (body, "push_url");
  sqlite3_stmt *stmt = NULL;
  JsonObject *answer;
  int changed;

  if (push_url == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "missing \"push_url\"");
      return;
    }
  if (sqlite3_prepare_v2 (sandbox_db_get_handle (db),
                          "UPDATE companies SET push_url = ? WHERE comp_number = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, sqlite3_errmsg (sandbox_db_get_handle (db)));
      return;
    }
  sqlite3_bind_text (stmt, 1, push_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number ? number : "100008", -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  changed = sqlite3_changes (sandbox_db_get_handle (db));
  if (changed == 0)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "no such company");
      return;
    }
  answer = json_object_new ();
  json_object_set_string_member (answer, "push_url", push_url);
  reply_object (msg, answer);
}

static void
handle_status (SandboxServer     *self,
               SoupServerMessage *msg)
{
  static const char *names[] = { "none", "down", "slow", "garbage", "http500", "reset" };
  JsonObject *answer = json_object_new ();
  g_autoptr(JsonNode) requests = sandbox_server_dup_requests (self);

  json_object_set_int_member (answer, "port", sandbox_server_get_port (self));
  json_object_set_int_member (answer, "control_port", sandbox_server_get_control_port (self));
  json_object_set_string_member (answer, "fault", names[sandbox_server_get_fault (self)]);
  json_object_set_int_member (answer, "waiters",
                              sandbox_events_get_n_waiters (sandbox_server_get_events (self)));
  json_object_set_int_member (answer, "requests",
                              json_object_get_int_member (json_node_get_object (requests), "total"));
  reply_object (msg, answer);
}

void
sandbox_control_handle (SandboxServer     *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean post = g_strcmp0 (method, "POST") == 0;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (path, "/sandbox") || g_str_equal (path, "/sandbox/")
      || g_str_equal (path, "/sandbox/status"))
    {
      handle_status (self, msg);
      return;
    }
  if (g_str_equal (path, "/sandbox/requests"))
    {
      g_autoptr(JsonNode) requests = sandbox_server_dup_requests (self);

      sandbox_set_json_response (msg, SOUP_STATUS_OK, requests);
      return;
    }

  if (!post)
    {
      reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "use POST");
      return;
    }
  body = read_body (msg, &error);
  if (body == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  if (g_str_equal (path, "/sandbox/call"))
    {
      handle_call (self, msg, body);
    }
  else if (g_str_equal (path, "/sandbox/hangup"))
    {
      handle_hangup (self, msg, body);
    }
  else if (g_str_equal (path, "/sandbox/fault"))
    {
      handle_fault (self, msg, body);
    }
  else if (g_str_equal (path, "/sandbox/company"))
    {
      handle_company (self, msg, body);
    }
  else if (g_str_equal (path, "/sandbox/simulate"))
    {
      sandbox_simulator_set_random (sandbox_server_get_simulator (self),
                                    member_bool (body, "enabled", TRUE));
      reply_object (msg, json_object_new ());
    }
  else if (g_str_equal (path, "/sandbox/reset-requests"))
    {
      sandbox_server_reset_requests (self);
      reply_object (msg, json_object_new ());
    }
  else
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "unknown control path");
    }
}
