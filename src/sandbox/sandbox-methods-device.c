/* sandbox-methods-device.c — the 八百呼 recording box and smart phone protocol:
 * upload_record (2.1.10), upload_record_file (2.1.5), sendTelCall (2.5.1)
 *
 * A box identifies itself by its MAC (`satellite`), registered in the data side's devices
 * table; it answers with `status` (3001 not registered, 3002 MAC missing, 3003 nothing to do)
 * instead of `code`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-device"

#include "config.h"

#include <glib/gstdio.h>

#include "sandbox-db.h"
#include "sandbox-server.h"
#include "sandbox-simulator.h"

typedef struct
{
  gint64  dev_id;
  gint64  comp_id;
  gint64  exte_id;   /* 0: no agent */
  char   *mac;
} Device;

static void
device_free (Device *device)
{
  g_free (device->mac);
  g_free (device);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)

static Device *
lookup_device (SandboxDb  *db,
               const char *mac)
{
  sqlite3_stmt *stmt;
  Device *device = NULL;

  if (mac == NULL || *mac == '\0')
    return NULL;
  stmt = sandbox_db_prepare (db, "SELECT dev_id, comp_id, COALESCE(exte_id, 0), dev_mac FROM devices"
                                 " WHERE upper(dev_mac) = upper(?)", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, mac, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      device = g_new0 (Device, 1);
      device->dev_id = sqlite3_column_int64 (stmt, 0);
      device->comp_id = sqlite3_column_int64 (stmt, 1);
      device->exte_id = sqlite3_column_int64 (stmt, 2);
      device->mac = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  return device;
}

static SandboxAgent *
lookup_agent_by_id (SandboxDb *db,
                    gint64     exte_id)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (db,
    "SELECT c.comp_number || a.exte_extension FROM agents a JOIN companies c"
    " ON c.comp_id = a.comp_id WHERE a.exte_id = ?", NULL);
  g_autofree char *account = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, exte_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    account = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return account ? sandbox_db_lookup_agent (db, account) : NULL;
}

/* {"time":"…","status":N[,"message":…]} — the box's answer shape. */
static JsonObject *
box_answer (int         status,
            const char *message)
{
  JsonObject *answer = json_object_new ();
  g_autofree char *time = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_now_ms ());

  json_object_set_string_member (answer, "time", time);
  json_object_set_int_member (answer, "status", status);
  if (message != NULL)
    json_object_set_string_member (answer, "message", message);
  return answer;
}

/* A file name from a client: its last component, with nothing but safe characters. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *base = name ? g_path_get_basename (name) : NULL;
  GString *safe;

  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, "..")
      || g_str_equal (base, "/"))
    return NULL;
  safe = g_string_new (NULL);
  for (const char *p = base; *p; p++)
    g_string_append_c (safe, g_ascii_isalnum (*p) || strchr ("._-", *p) ? *p : '_');
  if (safe->str[0] == '.')
    g_string_prepend_c (safe, '_');
  return g_string_free (safe, FALSE);
}

char *
sandbox_upload_relative_path (const char *owner,
                              const char *name)
{
  g_autofree char *owner_dir = safe_file_name (owner);
  g_autofree char *file = safe_file_name (name);

  if (owner_dir == NULL || file == NULL)
    return NULL;
  return g_strdup_printf ("upload/%s/%s", owner_dir, file);
}

/* Saves @data under the recordings dir as @relative; FALSE with SANDBOX_ERROR_FILE_SAVE. */
static gboolean
save_recording (SandboxDb   *db,
                const char  *relative,
                GBytes      *data,
                GError     **error)
{
  g_autofree char *path = g_build_filename (sandbox_db_get_recordings_dir (db), relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0
      || !g_file_set_contents_full (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                    G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_FILE_SAVE, "cannot save %s: %s", relative,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* ---- upload_record ---- */

static JsonObject *
box_upload (SandboxRequest *request,
            Device         *device)
{
  g_autoptr(SandboxAgent) agent = device->exte_id ? lookup_agent_by_id (request->db, device->exte_id)
                                                  : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *record_file = NULL;
  const char *phone = sandbox_param (request, "callid_dialed");
  const char *direction = sandbox_param (request, "direction");
  GBytes *file = request->files ? g_hash_table_lookup (request->files, "file") : NULL;
  SandboxCallRecord record = { 0 };
  gint64 start_s, hangup_s, duration, cdr_id;
  JsonObject *answer;
  g_autofree char *callid = NULL;

  if (agent == NULL)
    return box_answer (3001, "the device has no agent assigned");
  if (phone == NULL || *phone == '\0')
    return box_answer (3003, "callid_dialed is required");
  if (!sandbox_param_int64 (request, "start_time_secs", sandbox_now_ms () / 1000, &start_s, &error)
      || !sandbox_param_int64 (request, "start_time_hangup", start_s, &hangup_s, &error)
      || !sandbox_param_int64 (request, "duration_secs", 0, &duration, &error))
    return box_answer (3003, error->message);

  if (file != NULL && g_bytes_get_size (file) > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (start_s);
      g_autofree char *day = g_date_time_format (when, "%Y%m/%d");
      g_autofree char *mac = safe_file_name (device->mac);
      g_autofree char *name = safe_file_name (sandbox_param (request, "file"));

      record_file = g_strdup_printf ("device/%s/%s/%" G_GINT64_FORMAT "-%s", mac, day,
                                     sandbox_now_ms (), name ? name : "record.wav");
      if (!save_recording (request->db, record_file, file, &error))
        return box_answer (3003, error->message);
    }

  record.comp_id = agent->comp_id;
  record.exte_id = agent->exte_id;
  record.phone = phone;
  record.peer = g_strcmp0 (direction, "out") == 0 ? 1 : 2;
  record.start_ms = start_s * 1000;
  record.answer_ms = duration > 0 ? MAX (start_s, hangup_s - duration) * 1000 : 0;
  record.hangup_ms = hangup_s * 1000;
  record.talk_seconds = MAX (duration, 0);
  record.record_file = record_file;
  record.hangup_code = duration > 0 ? 16 : 19;
  record.hangup_text = duration > 0 ? "正常挂机" : "无人接听";
  cdr_id = sandbox_db_add_call_record (request->db, &record, &error);
  if (cdr_id == 0)
    return box_answer (3003, error->message);

  answer = box_answer (0, NULL);
  callid = g_strdup_printf ("%" G_GINT64_FORMAT, cdr_id);
  json_object_set_string_member (answer, "callid", callid);
  return answer;
}

static JsonObject *
box_message_list (SandboxRequest *request,
                  Device         *device)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
    "SELECT msg_id, status, channel, phone, function_name, paramvalue FROM sandbox_device_messages"
    " WHERE dev_mac = ? ORDER BY msg_id", NULL);
  JsonArray *data = json_array_new ();
  JsonObject *answer;
  gint64 last = 0;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, device->mac, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *item = json_object_new ();
          JsonObject *memo = json_object_new ();
          g_autofree char *status = g_strdup_printf ("%d", sqlite3_column_int (stmt, 1));
          g_autofree char *channel = g_strdup_printf ("%d", sqlite3_column_int (stmt, 2));

          last = sqlite3_column_int64 (stmt, 0);
          json_object_set_string_member (item, "status", status);
          json_object_set_string_member (item, "mdcWan", channel);
          json_object_set_string_member (item, "mdcCode", "1");
          json_object_set_string_member (item, "phone", (const char *) sqlite3_column_text (stmt, 3));
          json_object_set_string_member (memo, "functionname",
                                         (const char *) sqlite3_column_text (stmt, 4));
          json_object_set_string_member (memo, "paramvalue",
                                         (const char *) sqlite3_column_text (stmt, 5));
          json_object_set_object_member (item, "memo", memo);
          json_array_add_object_element (data, item);
        }
      sqlite3_reset (stmt);
    }

  if (json_array_get_length (data) == 0)
    {
      json_array_unref (data);
      return box_answer (3003, "nothing to process");
    }

  /* Handed over: each command is delivered once. */
  stmt = sandbox_db_prepare (request->db,
                             "DELETE FROM sandbox_device_messages WHERE dev_mac = ? AND msg_id <= ?",
                             NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, device->mac, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, last);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }

  answer = box_answer (0, NULL);
  json_object_set_array_member (answer, "data", data);
  return answer;
}

/* channelstatus: each RJ11 port the box reports ({ch, state, phone, timelen, peer}) becomes
 * that channel's row, which systemChannels shows (its calltime is the box's timelen). A
 * status that is not the document's JSON is kept as it came and changes no channel. */
static gboolean
update_channels (SandboxRequest  *request,
                 Device          *device,
                 const char      *status,
                 GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *channels;
  sqlite3_stmt *stmt;
  gint64 now = sandbox_now_ms ();

  if (status == NULL || !json_parser_load_from_data (parser, status, -1, NULL))
    return TRUE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "channels")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "channels")))
    return TRUE;
  channels = json_object_get_array_member (json_node_get_object (root), "channels");

  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonNode *node = json_array_get_element (channels, i);
      JsonObject *channel;
      g_autofree char *name = NULL;
      g_autofree char *phone = NULL;
      gint64 ch, state, timelen, peer;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      channel = json_node_get_object (node);
      ch = sandbox_json_member_int (channel, "ch", -1);
      state = sandbox_json_member_int (channel, "state", -1);
      if (ch < 1 || ch > 64 || state < 0 || state > 4)
        continue;
      timelen = MAX (0, sandbox_json_member_int (channel, "timelen", 0));
      peer = sandbox_json_member_int (channel, "peer", 0);
      phone = sandbox_json_member_text (channel, "phone");
      name = g_strdup_printf ("RJ11/%" G_GINT64_FORMAT, ch);

      /* the port's row, made the first time the box reports it */
      stmt = sandbox_db_prepare (request->db,
                                 "INSERT INTO channels (comp_id, dev_id, exte_id, ch_name)"
                                 " SELECT ?1, ?2, NULLIF(?3, 0), ?4 WHERE NOT EXISTS"
                                 " (SELECT 1 FROM channels WHERE dev_id = ?2 AND ch_name = ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, device->comp_id);
      sqlite3_bind_int64 (stmt, 2, device->dev_id);
      sqlite3_bind_int64 (stmt, 3, device->exte_id);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      if (!sandbox_db_step_done (request->db, stmt, error))
        return FALSE;

      stmt = sandbox_db_prepare (request->db,
                                 "UPDATE channels SET ch_state = ?1, ch_phone = ?2, ch_peer = ?3,"
                                 " ch_since_ms = ?4 WHERE dev_id = ?5 AND ch_name = ?6", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) state);
      sqlite3_bind_text (stmt, 2, state > 1 && phone != NULL ? phone : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, state > 1 && (peer == 1 || peer == 2) ? (int) peer : 0);
      sqlite3_bind_int64 (stmt, 4, now - timelen * 1000);
      sqlite3_bind_int64 (stmt, 5, device->dev_id);
      sqlite3_bind_text (stmt, 6, name, -1, SQLITE_TRANSIENT);
      if (!sandbox_db_step_done (request->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static JsonNode *
upload_record (SandboxRequest  *request,
               GError         **error)
{
  const char *mac = sandbox_param (request, "satellite");
  const char *cmd = sandbox_param (request, "cmd");
  g_autoptr(Device) device = NULL;
  sqlite3_stmt *stmt;

  if (mac == NULL || *mac == '\0')
    return sandbox_answer_node (box_answer (3002, "satellite (the device MAC) is required"));
  device = lookup_device (request->db, mac);
  if (device == NULL)
    return sandbox_answer_node (box_answer (3001, "the device is not registered"));

  if (g_strcmp0 (cmd, "channelstatus") == 0)
    {
      const char *status = sandbox_param (request, "status");

      stmt = sandbox_db_prepare (request->db,
                                 "UPDATE devices SET dev_status = ?, update_ms = ? WHERE dev_id = ?",
                                 error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, status ? status : "{}", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, sandbox_now_ms ());
      sqlite3_bind_int64 (stmt, 3, device->dev_id);
      if (!sandbox_db_step_done (request->db, stmt, error)
          || !update_channels (request, device, status, error))
        return NULL;
      return sandbox_answer_node (box_answer (0, NULL));
    }
  if (g_strcmp0 (cmd, "upload") == 0)
    return sandbox_answer_node (box_upload (request, device));
  if (g_strcmp0 (cmd, "getMessageList") == 0)
    return sandbox_answer_node (box_message_list (request, device));

  /* Any other command: the document's default answer. */
  return sandbox_answer_node (box_answer (0, NULL));
}

/* ---- upload_record_file ---- */

static JsonNode *
upload_record_file (SandboxRequest  *request,
                    GError         **error)
{
  const char *encoded_name = sandbox_param (request, "fileName");
  const char *md5 = sandbox_param (request, "fileMd5");
  const char *is_base = sandbox_param (request, "isBase");
  GBytes *file = request->files ? g_hash_table_lookup (request->files, "fileGsm") : NULL;
  g_autoptr(Device) device = NULL;
  g_autofree char *name = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *actual_md5 = NULL;
  g_autofree char *relative = NULL;
  const char *owner;
  JsonObject *answer;

  /* Sent by the agent's client (sa_user) or by a box (satellite). */
  if (request->agent == NULL)
    {
      device = lookup_device (request->db, sandbox_param (request, "satellite"));
      if (device == NULL)
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_AUTH,
                               "authentication failed: give sa_user and sa_password");
          return NULL;
        }
    }

  if (file == NULL)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "missing parameter: fileGsm (a multipart/form-data file)");
      return NULL;
    }

  if (g_strcmp0 (is_base, "false") == 0 || g_strcmp0 (is_base, "0") == 0)
    {
      name = g_strdup (encoded_name);
    }
  else
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (encoded_name, &length);

      name = g_strndup ((const char *) decoded, length);
    }
  safe = safe_file_name (name);
  if (safe == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "fileName must be the base64 of a file name");
      return NULL;
    }

  actual_md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, file);
  if (g_ascii_strcasecmp (actual_md5, md5) != 0)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "fileMd5 does not match the file (its MD5 is %s)", actual_md5);
      return NULL;
    }

  owner = request->agent ? request->agent->account : device->mac;
  relative = sandbox_upload_relative_path (owner, name);
  if (!save_recording (request->db, relative, file, error))
    return NULL;

  answer = sandbox_answer_ok ();
  json_object_set_string_member (answer, "fileName", relative);
  return sandbox_answer_node (answer);
}

/* ---- sendTelCall ---- */

static JsonNode *
send_tel_call (SandboxRequest  *request,
               GError         **error)
{
  const char *mac = sandbox_param (request, "mac");
  g_autoptr(SandboxAgent) owner = NULL;
  g_autoptr(Device) device = NULL;
  g_autofree char *phone = NULL;
  SandboxCallScript script = { 0 };
  SandboxAgent *agent = request->agent;
  JsonObject *answer;
  gint64 channel, cdr_id;
  sqlite3_stmt *stmt;

  phone = sandbox_normalize_phone (sandbox_param (request, "phone"), "phone", error);
  if (phone == NULL || !sandbox_param_int64 (request, "channel", 1, &channel, error))
    return NULL;

  if (mac != NULL && *mac != '\0')
    {
      device = lookup_device (request->db, mac);
      if (device == NULL || device->comp_id != request->agent->comp_id)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "no device %s", mac);
          return NULL;
        }
      if (device->exte_id != 0 && device->exte_id != agent->exte_id)
        {
          owner = lookup_agent_by_id (request->db, device->exte_id);
          if (owner != NULL)
            agent = owner;
        }

      /* The box fetches the dial command with upload_record getMessageList. */
      stmt = sandbox_db_prepare (request->db,
                                 "INSERT INTO sandbox_device_messages (dev_mac, status, channel,"
                                 " phone, function_name, paramvalue, create_ms)"
                                 " VALUES (?, 0, ?, ?, 'dial', '', ?)", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, device->mac, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, channel);
      sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, sandbox_now_ms ());
      if (!sandbox_db_step_done (request->db, stmt, error))
        return NULL;
    }

  script.phone = phone;
  script.outgoing = TRUE;
  script.ring_ms = 3000;
  script.talk_ms = 15000;
  script.record = TRUE;
  cdr_id = sandbox_simulator_start_call (sandbox_server_get_simulator (request->server), agent,
                                         &script, error);
  if (cdr_id == 0)
    return NULL;

  answer = sandbox_answer_ok ();
  json_object_set_int_member (answer, "cdrId", cdr_id);
  return sandbox_answer_node (answer);
}

const SandboxMethod sandbox_methods_device[] = {
  { "upload_record",      upload_record,      FALSE, NULL },
  { "upload_record_file", upload_record_file, FALSE, NULL },
  { "sendTelCall",        send_tel_call,      FALSE, "phone" },
  { NULL }
};
