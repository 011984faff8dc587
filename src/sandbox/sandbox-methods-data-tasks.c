/* sandbox-methods-data-tasks.c — outbound tasks, call flows and task details
 *
 * Sections 2.10.1–2.10.3 of the document, and the helper behind getTaskDetailPhone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

#include <string.h>

#define MAX_TASK_ENTRIES 10000
#define MAX_ALLOT 100

/* Every field of the document's findTaskMx example. */
#define CTD_COLUMNS \
  "CAST(d.ctd_id AS TEXT) AS ctdId, CAST(d.ctk_id AS TEXT) AS ctd_ctkId, k.ctk_name AS ctkName," \
  " d.ctd_phone AS ctdPhone, d.ctd_phone_name AS ctdPhoneName, d.ctd_key AS ctdKey," \
  " d.ctd_text AS ctdText, d.ctd_status AS ctdStatus, d.ctd_extension AS ctdExtension," \
  " COALESCE(a.exte_name, '') AS exteName, sandbox_time(d.ctd_call_ms) AS ctdCallTime," \
  " sandbox_time(d.ctd_begin_ms) AS ctdBeginTime, sandbox_time(d.ctd_success_ms) AS ctdSuccessTime," \
  " sandbox_time(d.ctd_end_ms) AS ctdEndTime, d.ctd_times AS ctdTimes," \
  " d.ctd_times AS ctdCallTalktimes, d.ctd_result_code AS ctdResultCode," \
  " d.ctd_result_value AS ctdResultValue, d.ctd_sms_send_status AS ctdSmsSendStatus," \
  " d.ctd_wav_file AS ctdWavFile, '' AS ctdWavPaths, d.ctd_sip_round AS ctdSipRound," \
  " d.ctd_re_num AS ctdReNum, 0 AS ctdWheelSum, '' AS ctdTransferPhone," \
  " CASE WHEN d.ctd_status = 5 THEN sandbox_time(d.ctd_success_ms + 5000) ELSE '' END AS ctdTransferSuccessTime," \
  " CASE WHEN d.ctd_status = 5 THEN sandbox_time(d.ctd_end_ms) ELSE '' END AS ctdTransferEndTime," \
  " CASE WHEN d.ctd_status = 5 THEN MAX(0, d.ctd_times - 5) ELSE 0 END AS ctdTransferTimes," \
  " '' AS ctd_word, '' AS ctd_all_word, 0 AS ctd_wordSum, '' AS ctd_ResultText, '' AS ctdType," \
  " '' AS cnrReasonType, '' AS ctd_timeArea," \
  " CASE WHEN d.ctd_status >= 4 THEN substr(sandbox_time(d.ctd_call_ms), 1, 4) || substr(sandbox_time(d.ctd_call_ms), 6, 2)" \
  "   || '/' || substr(sandbox_time(d.ctd_call_ms), 9, 2) || '/' || d.ctd_id || '.json'" \
  "   ELSE '' END AS ctdResultJson," \
  " d.ctd_data AS ctdData"

/* ---- findCallFlow ---- */

/* One row per task and its flow (a flow without a task appears once, ctkName empty). ctdId
 * narrows to the task of that task detail — or of that task, since the document calls it
 * 任务 ID. */
static JsonNode *
find_call_flow (SandboxRequest  *request,
                GError         **error)
{
  JsonBuilder *builder;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!sandbox_param_int64 (request, "ctdId", 0, &id, error))
    return NULL;

  stmt = sandbox_db_prepare (request->db,
    "SELECT f.cf_id AS cfId, f.cf_name AS cfName, COALESCE(k.ctk_name, '') AS ctkName,"
    " k.ctk_id AS ctkId, f.group_call_times AS compGroupCallTimes, f.wf_path AS cfIsend_wfPath,"
    " f.transfer_mode AS cfItransferMode, f.transfer_times AS cfItransferTimes,"
    " f.is_record AS cfIIsRecord, f.send_interval AS cfISendInterval,"
    " f.sms_status AS cfISmsStatus, f.sms_tims AS cfISmsTims, f.sms_content AS cfISmsContent,"
    " COALESCE(sandbox_time(k.create_ms), '') AS ctkCreateTime,"
    " COALESCE(k.add_type, 0) AS addType,"
    " (SELECT COUNT(*) FROM task_details d WHERE d.ctk_id = k.ctk_id) AS ctdTotal,"
    " (SELECT COUNT(*) FROM task_details d WHERE d.ctk_id = k.ctk_id AND d.ctd_status >= 3) AS ctdDone"
    " FROM call_flows f LEFT JOIN tasks k ON k.cf_id = f.cf_id"
    " WHERE f.comp_id = ?1 AND (?2 = 0 OR k.ctk_id = ?2"
    "   OR k.ctk_id = (SELECT ctk_id FROM task_details WHERE ctd_id = ?2))"
    " ORDER BY f.cf_id, k.create_ms DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, id);

  sandbox_ok_new (&builder);
  if (!sandbox_json_add_rows (request->db, builder, "callflow", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* ---- addTask ---- */

typedef struct
{
  char       *phone;
  const char *key;
  const char *memo;
  char       *json;
} TaskEntry;

static void
task_entry_clear (gpointer data)
{
  TaskEntry *entry = data;
  g_free (entry->phone);
  g_free (entry->json);
}

static gboolean
optional_string (JsonObject  *object,
                 const char  *member,
                 guint        index,
                 const char **out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = "";
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter data[%u].%s must be a string", index, member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* data: a JSON array of objects with a string phone, optional key, memo and woOther* strings. */
static GArray *
parse_task_data (const char  *data,
                 JsonParser  *parser,
                 GError     **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (TaskEntry));
  g_autoptr(GError) parse_error = NULL;
  JsonArray *array;
  JsonNode *root;
  guint n;

  g_array_set_clear_func (entries, task_entry_clear);

  if (!json_parser_load_from_data (parser, data, -1, &parse_error))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter data is not JSON: %s", parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter data must be a JSON array of {\"phone\": …} objects");
      return NULL;
    }
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  if (n == 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter data has no phone numbers");
      return NULL;
    }
  if (n > MAX_TASK_ENTRIES)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                   "Parameter data has more than %d numbers", MAX_TASK_ENTRIES);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *name = g_strdup_printf ("data[%u].phone", i);
      JsonObject *object;
      TaskEntry entry = { 0 };
      const char *phone;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                       "Parameter data[%u] must be an object", i);
          return NULL;
        }
      object = json_node_get_object (node);
      if (!optional_string (object, "phone", i, &phone, error) ||
          !optional_string (object, "key", i, &entry.key, error) ||
          !optional_string (object, "memo", i, &entry.memo, error))
        return NULL;
      if (strchr (entry.memo, '#') != NULL)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                       "Parameter data[%u].memo must not contain #", i);
          return NULL;
        }
      /* work-order fields are strings too */
      {
        g_autoptr(GList) members = json_object_get_members (object);
        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *member = l->data;
            const char *value;
            if (g_str_has_prefix (member, "wo") && !optional_string (object, member, i, &value, error))
              return NULL;
          }
      }
      entry.phone = sandbox_normalize_phone (phone, name, error);
      if (entry.phone == NULL)
        return NULL;
      entry.json = json_to_string (node, FALSE);
      g_array_append_val (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static gint64
agent_id_for (SandboxRequest  *request,
              const char      *account,
              const char      *param,
              GError         **error)
{
  g_autofree char *full = strlen (account) <= 4 ? g_strconcat (request->agent->comp_number, account, NULL)
                                                : g_strdup (account);
  g_autoptr(SandboxAgent) agent = sandbox_db_lookup_agent (request->db, full);

  if (agent == NULL || agent->comp_id != request->agent->comp_id)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "No agent %s (%s)", account, param);
      return 0;
    }
  return agent->exte_id;
}

static JsonNode *
add_task (SandboxRequest  *request,
          GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) allot = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) allot_parts = NULL;
  const char *data = NULL, *name = NULL, *flow_name = NULL, *wot_name = NULL;
  const char *allot_list = sandbox_param_str (request, "allotExte");
  const char *attri = sandbox_param_str (request, "attriExte");
  sqlite3 *handle = sandbox_db_get_handle (request->db);
  gint64 now = sandbox_now_ms ();
  gint64 send_ms, cf_id = 0, owner, ctk_id;
  int add_type, repeat, interval;
  guint skipped = 0, added = 0;
  sqlite3_stmt *stmt, *blacklisted;
  JsonBuilder *builder;

  if (!sandbox_param_text (request, "data", 16 * 1024 * 1024, &data, error) ||
      !sandbox_param_text (request, "name", 1024, &name, error) ||
      !sandbox_param_text (request, "cflName", 1024, &flow_name, error) ||
      !sandbox_param_text (request, "wotName", 1024, &wot_name, error) ||
      !sandbox_param_int (request, "addType", 0, &add_type, error) ||
      !sandbox_param_int (request, "repeatSend", 0, &repeat, error) ||
      !sandbox_param_int (request, "sendInterval", 0, &interval, error) ||
      !sandbox_param_time (request, "sendTime", now, &send_ms, error))
    return NULL;
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: name");
      return NULL;
    }
  if (add_type < 1 || add_type > 4)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter addType must be 1 (auto), 2 (manual), 3 or 4 (work orders)");
      return NULL;
    }
  if ((repeat != 0 && repeat != 1) || interval < 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameters repeatSend (0 or 1) and sendInterval (seconds) are out of range");
      return NULL;
    }
  if ((add_type == 3 || add_type == 4) && (wot_name == NULL || *wot_name == '\0'))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: wotName (work-order tasks)");
      return NULL;
    }
  if (add_type == 1 || add_type == 3)
    {
      if (flow_name == NULL || *flow_name == '\0')
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "Missing required parameter: cflName (automatic dialling)");
          return NULL;
        }
    }
  if (flow_name != NULL && *flow_name != '\0')
    {
      stmt = sandbox_db_prepare (request->db, "SELECT cf_id FROM call_flows WHERE comp_id = ?"
                                              " AND cf_name = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
      sqlite3_bind_text (stmt, 2, flow_name, -1, SQLITE_TRANSIENT);
      cf_id = sandbox_db_query_int (request->db, stmt, error);
      if (cf_id < 0)
        return NULL;
      if (cf_id == 0)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "No call flow named %s", flow_name);
          return NULL;
        }
    }

  owner = *attri != '\0' ? agent_id_for (request, attri, "attriExte", error) : request->agent->exte_id;
  if (owner == 0)
    return NULL;
  allot_parts = g_strsplit_set (allot_list, ",，", 0);
  for (guint i = 0; allot_parts[i] != NULL; i++)
    {
      g_autofree char *account = g_strstrip (g_strdup (allot_parts[i]));
      gint64 id;

      if (*account == '\0')
        continue;
      if (allot->len >= MAX_ALLOT)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                       "Parameter allotExte lists more than %d agents", MAX_ALLOT);
          return NULL;
        }
      if ((id = agent_id_for (request, account, "allotExte", error)) == 0)
        return NULL;
      g_array_append_val (allot, id);
    }
  if (allot->len == 0)
    g_array_append_val (allot, request->agent->exte_id);

  if (data == NULL || *data == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: data");
      return NULL;
    }
  entries = parse_task_data (data, parser, error);
  if (entries == NULL)
    return NULL;

  if (!sandbox_db_begin (request->db, error))
    return NULL;
  stmt = sandbox_db_prepare (request->db,
                             "INSERT INTO tasks (comp_id, cf_id, exte_id, ctk_name, add_type,"
                             " send_time_ms, repeat_send, send_interval, allot_exte, wot_name, create_ms)"
                             " VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, cf_id);
  sqlite3_bind_int64 (stmt, 3, owner);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, add_type);
  sqlite3_bind_int64 (stmt, 6, send_ms);
  sqlite3_bind_int (stmt, 7, repeat);
  sqlite3_bind_int (stmt, 8, interval);
  sqlite3_bind_text (stmt, 9, allot_list, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, wot_name ? wot_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, now);
  if (!sandbox_db_step_done (request->db, stmt, error))
    goto fail;
  ctk_id = sqlite3_last_insert_rowid (handle);

  blacklisted = sandbox_db_prepare (request->db, "SELECT COUNT(*) FROM blacklist"
                                                 " WHERE comp_id = ? AND bla_phone = ?", error);
  stmt = sandbox_db_prepare (request->db,
                             "INSERT INTO task_details (ctd_id, ctk_id, comp_id, exte_id, ctd_phone,"
                             " ctd_phone_name, ctd_key, ctd_text, ctd_data, create_ms)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, COALESCE((SELECT CASE WHEN c.cust_name != ''"
                             "   THEN c.cust_name ELSE c.cust_corp_name END FROM customer_phones p"
                             "   JOIN customers c ON c.cust_id = p.cust_id WHERE p.comp_id = ?3"
                             "   AND p.cp_phone = ?5 LIMIT 1), ''), ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL || blacklisted == NULL)
    goto fail;
  for (guint i = 0; i < entries->len; i++)
    {
      const TaskEntry *entry = &g_array_index (entries, TaskEntry, i);

      /* the blacklist is never called */
      sqlite3_reset (blacklisted);
      sqlite3_bind_int64 (blacklisted, 1, request->agent->comp_id);
      sqlite3_bind_text (blacklisted, 2, entry->phone, -1, SQLITE_TRANSIENT);
      if (sandbox_db_query_int (request->db, blacklisted, NULL) > 0)
        {
          skipped++;
          continue;
        }

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, sandbox_db_next_ctd_id (request->db));
      sqlite3_bind_int64 (stmt, 2, ctk_id);
      sqlite3_bind_int64 (stmt, 3, request->agent->comp_id);
      /* manual dialling hands the numbers out to the allotted agents in turn */
      if (add_type == 2 || add_type == 4)
        sqlite3_bind_int64 (stmt, 4, g_array_index (allot, gint64, added % allot->len));
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, entry->phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, entry->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, entry->memo, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, entry->json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 9, now);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
      added++;
    }
  if (!sandbox_db_commit (request->db, error))
    goto fail;

  sandbox_ok_new (&builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, ctk_id);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, added);
  json_builder_set_member_name (builder, "skipped");
  json_builder_add_int_value (builder, skipped);
  return sandbox_builder_finish (builder);

fail:
  sandbox_db_rollback (request->db);
  return NULL;
}

/* ---- findTaskMx ---- */

/* An administrator sees every detail; an agent the ones allotted to them or to nobody. */
static JsonNode *
find_task_mx (SandboxRequest  *request,
              GError         **error)
{
  g_autoptr(SandboxBinds) binds = sandbox_binds_new ();
  g_autoptr(GString) where = g_string_new ("d.comp_id = ?");
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  g_autofree char *group_sql = NULL;
  const char *name = NULL;
  gint64 cf_id, ctk_id, from, to, total;
  int type, start, limit;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;

  if (!sandbox_param_int64 (request, "cflId", 0, &cf_id, error) ||
      !sandbox_param_int64 (request, "ctkId", 0, &ctk_id, error) ||
      !sandbox_param_int (request, "type", 0, &type, error) ||
      !sandbox_param_text (request, "ctkName", 1024, &name, error) ||
      !sandbox_param_time (request, "startTime", 0, &from, error) ||
      !sandbox_param_time (request, "endTime", 0, &to, error) ||
      !sandbox_param_paging (request, 25, &start, &limit, error))
    return NULL;

  sandbox_binds_add_int (binds, request->agent->comp_id);
  if (!sandbox_agent_is_admin (request->agent))
    {
      g_string_append (where, " AND (d.exte_id IS NULL OR d.exte_id = ?)");
      sandbox_binds_add_int (binds, request->agent->exte_id);
    }
  /* cflId 0: every flow */
  if (cf_id > 0)
    {
      g_string_append (where, " AND k.cf_id = ?");
      sandbox_binds_add_int (binds, cf_id);
    }
  if (ctk_id > 0)
    {
      g_string_append (where, " AND d.ctk_id = ?");
      sandbox_binds_add_int (binds, ctk_id);
    }
  switch (type)
    {
    case 0:
      break;
    case 1:
      g_string_append (where, " AND d.ctd_status = 0");
      break;
    case 2:
      g_string_append (where, " AND d.ctd_status >= 3");
      break;
    default:
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter type must be 0 (all), 1 (not started) or 2 (done)");
      return NULL;
    }
  if (name != NULL && *name != '\0')
    {
      g_autofree char *pattern = sandbox_like_pattern (name);
      g_string_append (where, " AND k.ctk_name LIKE ? ESCAPE '\\'");
      sandbox_binds_add_text (binds, pattern);
    }
  if (from > 0)
    {
      g_string_append (where, " AND k.create_ms >= ?");
      sandbox_binds_add_int (binds, from);
    }
  if (to > 0)
    {
      g_string_append (where, " AND k.create_ms <= ?");
      sandbox_binds_add_int (binds, to);
    }

  count_sql = g_strdup_printf ("task_details d JOIN tasks k ON k.ctk_id = d.ctk_id WHERE %s",
                               where->str);
  total = sandbox_binds_count (request->db, binds, count_sql, error);
  if (total < 0)
    return NULL;

  page_sql = g_strdup_printf ("SELECT " CTD_COLUMNS " FROM task_details d"
                              " JOIN tasks k ON k.ctk_id = d.ctk_id"
                              " LEFT JOIN agents a ON a.exte_id = d.exte_id"
                              " WHERE %s ORDER BY d.ctk_id DESC, d.ctd_id LIMIT ? OFFSET ?",
                              where->str);
  stmt = sandbox_db_prepare (request->db, page_sql, error);
  if (stmt == NULL)
    return NULL;
  {
    int next = sandbox_binds_apply (binds, stmt);
    sqlite3_bind_int (stmt, next, limit);
    sqlite3_bind_int (stmt, next + 1, start);
  }

  sandbox_ok_new (&builder);
  if (!sandbox_json_add_rows (request->db, builder, "data", stmt, error))
    goto fail;
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, total);

  group_sql = g_strdup_printf ("SELECT CAST(d.ctk_id AS TEXT) AS ctkId, d.ctd_status AS ctdStatus,"
                               " COUNT(*) AS num FROM task_details d JOIN tasks k ON k.ctk_id = d.ctk_id"
                               " WHERE %s GROUP BY d.ctk_id, d.ctd_status"
                               " ORDER BY d.ctk_id DESC, d.ctd_status", where->str);
  stmt = sandbox_db_prepare (request->db, group_sql, error);
  if (stmt == NULL)
    goto fail;
  sandbox_binds_apply (binds, stmt);
  if (!sandbox_json_add_rows (request->db, builder, "groupData", stmt, error))
    goto fail;
  return sandbox_builder_finish (builder);

fail:
  g_object_unref (builder);
  return NULL;
}

/* ---- getTaskDetailPhone's helper ---- */

gint64
sandbox_db_next_task_detail (SandboxDb           *db,
                             const SandboxAgent  *agent,
                             char               **out_phone,
                             gint64              *out_cf_id,
                             GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 ctd_id = 0;

  g_return_val_if_fail (db != NULL && agent != NULL, 0);

  stmt = sandbox_db_prepare (db,
                             "SELECT d.ctd_id, d.ctd_phone, COALESCE(k.cf_id, 0) FROM task_details d"
                             " JOIN tasks k ON k.ctk_id = d.ctk_id"
                             " WHERE d.comp_id = ?1 AND d.ctd_status = 0"
                             " AND (d.exte_id IS NULL OR d.exte_id = ?2) AND k.send_time_ms <= ?3"
                             " ORDER BY d.exte_id IS NULL, d.ctd_id LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, agent->exte_id);
  sqlite3_bind_int64 (stmt, 3, sandbox_now_ms ());
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ctd_id = sqlite3_column_int64 (stmt, 0);
      if (out_phone != NULL)
        *out_phone = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (out_cf_id != NULL)
        *out_cf_id = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (ctd_id == 0)
    return 0;

  /* handed out: calling, by this agent */
  stmt = sandbox_db_prepare (db,
                             "UPDATE task_details SET ctd_status = 1, ctd_begin_ms = ?1,"
                             " ctd_call_ms = ?1, exte_id = ?2, ctd_extension = ?3 WHERE ctd_id = ?4",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, sandbox_now_ms ());
  sqlite3_bind_int64 (stmt, 2, agent->exte_id);
  sqlite3_bind_text (stmt, 3, agent->account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, ctd_id);
  if (!sandbox_db_step_done (db, stmt, error))
    {
      if (out_phone != NULL)
        g_clear_pointer (out_phone, g_free);
      return 0;
    }
  return ctd_id;
}

const SandboxMethod sandbox_methods_data_tasks[] = {
  { "findCallFlow", find_call_flow, FALSE, NULL },
  { "addTask", add_task, TRUE, "data addType name" },
  { "findTaskMx", find_task_mx, FALSE, "cflId start limit" },
  { NULL }
};
