/* sandbox-methods-data-memos.c — memos (跟踪记录) and their follow-up reminders
 *
 * Section 2.9 of the document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

#define MAX_TEXT (64 * 1024)

/* ---- memos ---- */

#define MEMO_COLUMNS \
  "m.cmm_id AS cmmId, m.cmm_extension AS cmmExtension, COALESCE(a.exte_name, '') AS exteName," \
  " m.cmm_phone AS cmmPhone, m.cmm_phone_name AS cmmPhoneName, sandbox_time(m.cmm_time_ms) AS cmmTime," \
  " m.cmm_memo AS cmmMemo, CAST(COALESCE(m.cdr_id, '') AS TEXT) AS cmm_cdrId," \
  " COALESCE(r.nht_time, '') AS nhtTime, COALESCE(r.nht_is_hint, 0) AS nhtIsHint," \
  " COALESCE(r.nht_phone, '') AS nhtPhone"

/* With phoneNum: every memo of the company about that number (the pop-up's history).
 * Without: the caller's own memos, or all for an administrator. Newest first. */
static JsonNode *
get_memos (SandboxRequest  *request,
           GError         **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  const char *raw = sandbox_param (request, "phoneNum");
  const char *where;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;
  gint64 total, owner = 0;
  int start, limit;

  if (!sandbox_param_paging (request, 20, &start, &limit, error))
    return NULL;
  if (raw != NULL && *raw != '\0')
    {
      phone = sandbox_normalize_phone (raw, "phoneNum", error);
      if (phone == NULL)
        return NULL;
      where = "m.comp_id = ?1 AND m.cmm_phone = ?2";
    }
  else
    {
      owner = sandbox_agent_is_admin (request->agent) ? 0 : request->agent->exte_id;
      where = "m.comp_id = ?1 AND (?3 = 0 OR m.exte_id = ?3)";
    }

  count_sql = g_strdup_printf ("SELECT COUNT(*) FROM memos m WHERE %s", where);
  page_sql = g_strdup_printf ("SELECT " MEMO_COLUMNS " FROM memos m"
                              " LEFT JOIN agents a ON a.exte_id = m.exte_id"
                              " LEFT JOIN reminders r ON r.cmm_id = m.cmm_id"
                              " WHERE %s ORDER BY m.cmm_time_ms DESC, m.cmm_id DESC"
                              " LIMIT ?4 OFFSET ?5", where);

  stmt = sandbox_db_prepare (request->db, count_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  if (phone != NULL)
    sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 3, owner);
  total = sandbox_db_query_int (request->db, stmt, error);
  if (total < 0)
    return NULL;

  stmt = sandbox_db_prepare (request->db, page_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  if (phone != NULL)
    sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 3, owner);
  sqlite3_bind_int (stmt, 4, limit);
  sqlite3_bind_int (stmt, 5, start);

  builder = sandbox_success_new ();
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "recordTotal");
  json_builder_add_int_value (builder, total);
  if (!sandbox_json_add_rows (request->db, builder, "rows", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* Stores exactly what was sent (the text, nhtTime as text), stamped with the server's time. */
static JsonNode *
add_memo (SandboxRequest  *request,
          GError         **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  const char *memo = NULL, *nht_time = NULL, *nht_phone = NULL;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;
  gint64 now = sandbox_now_ms ();
  gint64 cmm_id, nht_ms = 0;
  int hint;

  if (!sandbox_param_text (request, "cdrMemo", MAX_TEXT, &memo, error) ||
      !sandbox_param_text (request, "nhtTime", 64, &nht_time, error) ||
      !sandbox_param_text (request, "nhtPhone", 64, &nht_phone, error) ||
      !sandbox_param_int (request, "nhtIsHint", 0, &hint, error))
    return NULL;
  phone = sandbox_normalize_phone (sandbox_param (request, "cdrPhone"), "cdrPhone", error);
  if (phone == NULL)
    return NULL;
  if (memo == NULL || *memo == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: cdrMemo");
      return NULL;
    }
  if (hint != 0 && hint != 1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter nhtIsHint must be 0 or 1");
      return NULL;
    }
  if (nht_time != NULL && *nht_time != '\0' && !sandbox_parse_time (nht_time, &nht_ms))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter nhtTime must be a time like 2024-02-21 09:30:00");
      return NULL;
    }
  if (hint == 1 && nht_ms == 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: nhtTime (nhtIsHint is 1)");
      return NULL;
    }

  name = sandbox_db_lookup_customer_name (request->db, request->agent->comp_id, phone);

  if (!sandbox_db_begin (request->db, error))
    return NULL;
  stmt = sandbox_db_prepare (request->db,
                             "INSERT INTO memos (comp_id, exte_id, cmm_extension, cmm_phone,"
                             " cmm_phone_name, cmm_time_ms, cmm_memo,"
                             " cdr_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                             " (SELECT cdr_id FROM call_records WHERE comp_id = ?1"
                             "  AND cdr_phone_num = ?4 AND exte_id = ?2"
                             "  ORDER BY cdr_start_ms DESC LIMIT 1))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, request->agent->exte_id);
  sqlite3_bind_text (stmt, 3, request->agent->account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, name ? name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_text (stmt, 7, memo, -1, SQLITE_TRANSIENT);
  if (!sandbox_db_step_done (request->db, stmt, error))
    goto fail;
  cmm_id = sqlite3_last_insert_rowid (sandbox_db_get_handle (request->db));

  /* the call this memo is about points back at it */
  stmt = sandbox_db_prepare (request->db,
                             "UPDATE call_records SET cdr_cmm_id = ?1 WHERE cdr_id ="
                             " (SELECT cdr_id FROM memos WHERE cmm_id = ?1) AND cdr_cmm_id = 0",
                             error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cmm_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    goto fail;

  if (nht_ms > 0)
    {
      stmt = sandbox_db_prepare (request->db,
                                 "INSERT INTO reminders (cmm_id, comp_id, exte_id, nht_time,"
                                 " nht_time_ms, nht_is_hint, nht_phone, create_ms)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cmm_id);
      sqlite3_bind_int64 (stmt, 2, request->agent->comp_id);
      sqlite3_bind_int64 (stmt, 3, request->agent->exte_id);
      sqlite3_bind_text (stmt, 4, nht_time, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, nht_ms);
      sqlite3_bind_int (stmt, 6, hint);
      sqlite3_bind_text (stmt, 7, nht_phone ? nht_phone : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, now);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
    }
  if (!sandbox_db_commit (request->db, error))
    goto fail;

  builder = sandbox_success_new ();
  json_builder_set_member_name (builder, "cmmId");
  json_builder_add_int_value (builder, cmm_id);
  return sandbox_builder_finish (builder);

fail:
  sandbox_db_rollback (request->db);
  return NULL;
}

const SandboxMethod sandbox_methods_data_memos[] = {
  { "getMemos", get_memos, FALSE, NULL },
  { "addMemo", add_memo, FALSE, NULL },
  { NULL }
};
