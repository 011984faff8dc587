/* sandbox-db.c — the sandbox's SQLite database: schema, authentication, shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-db"

#include "config.h"

#include "sandbox-db.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* Ids the real server hands out are above 2^53 (PROTOCOL.md); ours start here. */
#define CDR_ID_BASE G_GINT64_CONSTANT (7687658987667780097)
#define CTD_ID_BASE G_GINT64_CONSTANT (2534814528375631)

struct _SandboxDb
{
  sqlite3    *handle;
  char       *path;
  char       *recordings_dir;
  char       *temp_dir;      /* removed on close, or NULL */
  GHashTable *statements;    /* SQL → sqlite3_stmt */
  gint64      next_cdr_id;
  gint64      next_ctd_id;
};

G_DEFINE_QUARK (sandbox-error-quark, sandbox_error)

gint64
sandbox_now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* SQL: sandbox_time(ms) → "yyyy-mm-dd hh:nn:ss", or "" for 0/NULL. */
static void
sql_time_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  g_autofree char *text = NULL;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }
  text = sandbox_format_time (sqlite3_value_int64 (argv[0]));
  sqlite3_result_text (context, text, -1, SQLITE_TRANSIENT);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return g_remove (path) == 0;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  return g_rmdir (path) == 0;
}

static gint64
max_id (SandboxDb  *db,
        const char *sql,
        gint64      base)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (db, sql, NULL);
  gint64 value = base;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = MAX (base, sqlite3_column_int64 (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value + 1;
}

SandboxDb *
sandbox_db_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SandboxDb *db = g_new0 (SandboxDb, 1);
  int rc;

  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) sqlite3_finalize);

  if (path == NULL)
    {
      db->temp_dir = g_dir_make_tmp ("babaihu-sandbox-XXXXXX", error);
      if (db->temp_dir == NULL)
        {
          sandbox_db_close (db);
          return NULL;
        }
      db->path = g_build_filename (db->temp_dir, "sandbox.db", NULL);
      db->recordings_dir = g_build_filename (db->temp_dir, "recordings", NULL);
    }
  else
    {
      db->path = g_strdup (path);
      db->recordings_dir = g_strconcat (path, ".recordings", NULL);
    }

  if (g_mkdir_with_parents (db->recordings_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_FILE_SAVE,
                   "Cannot create the recordings folder %s: %s",
                   db->recordings_dir, g_strerror (saved));
      sandbox_db_close (db);
      return NULL;
    }

  rc = sqlite3_open_v2 (db->path, &db->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "Cannot open the database %s: %s",
                   db->path, db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      sandbox_db_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db->handle, 2000);
  sqlite3_create_function (db->handle, "sandbox_time", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_time_func, NULL, NULL);

  if (!sandbox_db_exec (db, "PRAGMA journal_mode=WAL;"
                            "PRAGMA synchronous=NORMAL;"
                            "PRAGMA foreign_keys=ON;"
                            "PRAGMA temp_store=MEMORY;"
                            "PRAGMA cache_size=-32000;", error) ||
      !sandbox_db_exec (db, sandbox_db_schema_sql, error))
    {
      sandbox_db_close (db);
      return NULL;
    }

  db->next_cdr_id = max_id (db, "SELECT MAX(cdr_id) FROM call_records", CDR_ID_BASE);
  db->next_ctd_id = max_id (db, "SELECT MAX(ctd_id) FROM task_details", CTD_ID_BASE);

  return db;
}

void
sandbox_db_close (SandboxDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    {
      if (db->temp_dir == NULL)
        sqlite3_exec (db->handle, "PRAGMA optimize;", NULL, NULL, NULL);
      sqlite3_close_v2 (db->handle);
      db->handle = NULL;
    }
  if (db->temp_dir != NULL)
    remove_tree (db->temp_dir);
  g_free (db->temp_dir);
  g_free (db->path);
  g_free (db->recordings_dir);
  g_free (db);
}

sqlite3 *
sandbox_db_get_handle (SandboxDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->handle;
}

const char *
sandbox_db_get_recordings_dir (SandboxDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->recordings_dir;
}

gboolean
sandbox_db_set_error (SandboxDb  *db,
                      GError    **error)
{
  g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "Database error: %s",
               sqlite3_errmsg (db->handle));
  return FALSE;
}

gboolean
sandbox_db_exec (SandboxDb   *db,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_SQL, "Database error: %s",
                   message ? message : "unknown");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
sandbox_db_prepare (SandboxDb   *db,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sandbox_db_set_error (db, error);
      return NULL;
    }
  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
sandbox_db_step_done (SandboxDb     *db,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      sandbox_db_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
sandbox_db_begin (SandboxDb  *db,
                  GError    **error)
{
  return sandbox_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
sandbox_db_commit (SandboxDb  *db,
                   GError    **error)
{
  return sandbox_db_exec (db, "COMMIT", error);
}

void
sandbox_db_rollback (SandboxDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

gint64
sandbox_db_next_cdr_id (SandboxDb *db)
{
  return db->next_cdr_id++;
}

gint64
sandbox_db_next_ctd_id (SandboxDb *db)
{
  return db->next_ctd_id++;
}

gint64
sandbox_db_query_int (SandboxDb     *db,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  gint64 value = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      sandbox_db_set_error (db, error);
      value = -1;
    }
  sqlite3_reset (stmt);
  return value;
}

gint64
sandbox_db_lookup_company (SandboxDb  *db,
                           const char *comp_number)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (db, "SELECT comp_id FROM companies WHERE comp_number = ?",
                                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, comp_number, -1, SQLITE_TRANSIENT);
  return MAX (0, sandbox_db_query_int (db, stmt, NULL));
}

/* ---- agents ---- */

void
sandbox_agent_free (SandboxAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->account);
  g_free (agent->extension);
  g_free (agent->comp_number);
  g_free (agent->comp_name);
  g_free (agent->name);
  g_free (agent->mobile);
  g_free (agent);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return g_strdup (text ? text : "");
}

SandboxAgent *
sandbox_db_agent_from_row (sqlite3_stmt *stmt)
{
  SandboxAgent *agent = g_new0 (SandboxAgent, 1);

  agent->exte_id = sqlite3_column_int64 (stmt, 0);
  agent->comp_id = sqlite3_column_int64 (stmt, 1);
  agent->account = column_dup (stmt, 2);
  agent->extension = column_dup (stmt, 3);
  agent->comp_number = column_dup (stmt, 4);
  agent->comp_name = column_dup (stmt, 5);
  agent->name = column_dup (stmt, 6);
  agent->status = sqlite3_column_int (stmt, 7);
  agent->login_type = sqlite3_column_int (stmt, 8);
  agent->disable_phone_num = sqlite3_column_int (stmt, 9);
  agent->mobile = column_dup (stmt, 10);
  agent->checked_in = sqlite3_column_int (stmt, 11) != 0;
  return agent;
}

gboolean
sandbox_agent_is_admin (const SandboxAgent *agent)
{
  return agent != NULL && agent->status == 2;
}

SandboxAgent *
sandbox_db_lookup_agent (SandboxDb  *db,
                         const char *account)
{
  sqlite3_stmt *stmt;
  SandboxAgent *agent = NULL;
  gsize len;

  g_return_val_if_fail (db != NULL, NULL);

  if (account == NULL)
    return NULL;
  len = strlen (account);
  /* 6-digit company number, then the extension */
  if (len < 7 || len > 12)
    return NULL;

  stmt = sandbox_db_prepare (db,
                             "SELECT " SANDBOX_AGENT_COLUMNS " FROM agents a "
                             "JOIN companies c ON c.comp_id = a.comp_id "
                             "WHERE c.comp_number = ? AND a.exte_extension = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, 6, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account + 6, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    agent = sandbox_db_agent_from_row (stmt);
  sqlite3_reset (stmt);
  return agent;
}

SandboxAgent *
sandbox_db_authenticate (SandboxDb   *db,
                         const char  *account,
                         const char  *password_md5,
                         GError     **error)
{
  g_autoptr(SandboxAgent) agent = NULL;
  g_autofree char *stored = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  if (account == NULL || *account == '\0' || password_md5 == NULL || *password_md5 == '\0')
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_AUTH,
                           "sa_user and sa_password are required");
      return NULL;
    }

  agent = sandbox_db_lookup_agent (db, account);
  if (agent != NULL)
    {
      stmt = sandbox_db_prepare (db, "SELECT exte_password FROM agents WHERE exte_id = ?", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, agent->exte_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            stored = column_dup (stmt, 0);
          sqlite3_reset (stmt);
        }
    }

  if (agent == NULL || stored == NULL || strlen (password_md5) != 32 ||
      g_ascii_strcasecmp (stored, password_md5) != 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_AUTH,
                           "Wrong account or password");
      return NULL;
    }
  if (agent->status == 1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_AUTH,
                           "This account is disabled");
      return NULL;
    }
  return g_steal_pointer (&agent);
}

GPtrArray *
sandbox_db_list_checked_in (SandboxDb *db)
{
  GPtrArray *agents = g_ptr_array_new_with_free_func ((GDestroyNotify) sandbox_agent_free);
  sqlite3_stmt *stmt;

  stmt = sandbox_db_prepare (db,
                             "SELECT " SANDBOX_AGENT_COLUMNS " FROM agents a "
                             "JOIN companies c ON c.comp_id = a.comp_id "
                             "WHERE a.checked_in = 1 AND a.exte_status IN (0, 2) "
                             "ORDER BY a.exte_id", NULL);
  if (stmt == NULL)
    return agents;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (agents, sandbox_db_agent_from_row (stmt));
  sqlite3_reset (stmt);
  return agents;
}

gboolean
sandbox_db_set_checked_in (SandboxDb  *db,
                           gint64      exte_id,
                           gboolean    checked_in,
                           GError    **error)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (db, "UPDATE agents SET checked_in = ? WHERE exte_id = ?",
                                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, checked_in ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, exte_id);
  if (!sandbox_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db->handle) == 0)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                   "No agent with exteId %" G_GINT64_FORMAT, exte_id);
      return FALSE;
    }
  return TRUE;
}

/* ---- call records ---- */

static const char *
strip_leading_zeros (const char *phone)
{
  while (*phone == '0')
    phone++;
  return phone;
}

gint64
sandbox_db_add_call_record (SandboxDb                *db,
                            const SandboxCallRecord  *record,
                            GError                  **error)
{
  g_autofree char *called_name = NULL;
  sqlite3_stmt *stmt;
  const char *phone;
  gint64 cdr_id;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (record != NULL, 0);

  phone = record->phone ? record->phone : "";
  called_name = sandbox_db_lookup_customer_name (db, record->comp_id, phone);

  stmt = sandbox_db_prepare (db,
    "INSERT INTO call_records (cdr_id, comp_id, exte_id, cdr_extension, exte_name, cdr_phone_num,"
    " cdr_last_phone_num, cdr_called_name, cdr_peer, cdr_start_ms, cdr_answer_ms, cdr_hangup_ms,"
    " cdr_talktime, cdr_charging_times, cdr_record_file, cdr_hangup_code, cdr_hangup_text,"
    " cdr_ivr, cdr_ivr_key, cdr_extension_ip, cdr_extension_port, cdr_phone_ip, cdr_phone_port,"
    " cdr_trunk_route, ctd_id, dial_answer)"
    " VALUES (?1, ?2, NULLIF(?3, 0),"
    " COALESCE((SELECT c.comp_number || a.exte_extension FROM agents a JOIN companies c"
    "           ON c.comp_id = a.comp_id WHERE a.exte_id = ?3), ''),"
    " COALESCE((SELECT exte_name FROM agents WHERE exte_id = ?3), ''),"
    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, (?11 + 59) / 60, ?12, ?13, ?14, ?15, ?16,"
    " '10.0.0.' || (?3 % 200 + 20), 'SIP/' || ?3, '218.70.12.' || (?1 % 250 + 1), '5060',"
    " 'trunk-cq-' || (?1 % 4 + 1), ?17, ?9 > 0)", error);
  if (stmt == NULL)
    return 0;

  cdr_id = sandbox_db_next_cdr_id (db);
  sqlite3_bind_int64 (stmt, 1, cdr_id);
  sqlite3_bind_int64 (stmt, 2, record->comp_id);
  sqlite3_bind_int64 (stmt, 3, record->exte_id);
  sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, strip_leading_zeros (phone), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, called_name ? called_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, record->peer);
  sqlite3_bind_int64 (stmt, 8, record->start_ms);
  sqlite3_bind_int64 (stmt, 9, record->answer_ms);
  sqlite3_bind_int64 (stmt, 10, record->hangup_ms);
  sqlite3_bind_int (stmt, 11, MAX (0, record->talk_seconds));
  sqlite3_bind_text (stmt, 12, record->record_file ? record->record_file : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, record->hangup_code);
  sqlite3_bind_text (stmt, 14, record->hangup_text ? record->hangup_text : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 15, record->ivr_key && *record->ivr_key ? "主导航" : "", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, record->ivr_key ? record->ivr_key : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 17, record->task_detail_id);
  if (!sandbox_db_step_done (db, stmt, error))
    return 0;

  /* getCustomersPage's dateOpt=1 sorts on the last call. */
  stmt = sandbox_db_prepare (db,
                             "UPDATE customers SET last_call_ms = MAX(last_call_ms, ?1) "
                             "WHERE cust_id IN (SELECT cust_id FROM customer_phones "
                             "                  WHERE comp_id = ?2 AND cp_phone = ?3)", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, record->start_ms);
      sqlite3_bind_int64 (stmt, 2, record->comp_id);
      sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_TRANSIENT);
      sandbox_db_step_done (db, stmt, NULL);
    }

  return cdr_id;
}

char *
sandbox_db_lookup_customer_name (SandboxDb  *db,
                                 gint64      comp_id,
                                 const char *phone)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (phone == NULL || *phone == '\0')
    return NULL;

  stmt = sandbox_db_prepare (db,
                             "SELECT CASE WHEN c.cust_name != '' THEN c.cust_name"
                             "            ELSE c.cust_corp_name END"
                             " FROM customer_phones p JOIN customers c ON c.cust_id = p.cust_id"
                             " WHERE p.comp_id = ? AND p.cp_phone = ? ORDER BY p.cp_id LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      if (text != NULL && *text != '\0')
        name = g_strdup (text);
    }
  sqlite3_reset (stmt);
  return name;
}

GPtrArray *
sandbox_db_sample_customer_phones (SandboxDb *db,
                                   gint64     comp_id,
                                   guint      n)
{
  GPtrArray *phones = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 lo, hi;

  /* ORDER BY random() sorts the whole table; pick random ids in the id range instead. */
  stmt = sandbox_db_prepare (db, "SELECT MIN(cp_id) FROM customer_phones WHERE comp_id = ?", NULL);
  if (stmt == NULL)
    return phones;
  sqlite3_bind_int64 (stmt, 1, comp_id);
  lo = sandbox_db_query_int (db, stmt, NULL);
  stmt = sandbox_db_prepare (db, "SELECT MAX(cp_id) FROM customer_phones WHERE comp_id = ?", NULL);
  sqlite3_bind_int64 (stmt, 1, comp_id);
  hi = sandbox_db_query_int (db, stmt, NULL);
  if (hi <= 0)
    return phones;

  stmt = sandbox_db_prepare (db,
                             "SELECT cp_phone FROM customer_phones"
                             " WHERE comp_id = ? AND cp_id >= ? ORDER BY cp_id LIMIT 1", NULL);
  for (guint i = 0; i < n * 3 && phones->len < n; i++)
    {
      gint64 pick = lo + (gint64) (g_random_double () * (double) (hi - lo + 1));

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, comp_id);
      sqlite3_bind_int64 (stmt, 2, pick);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (phones, column_dup (stmt, 0));
    }
  sqlite3_reset (stmt);
  return phones;
}

/* ---- time ---- */

char *
sandbox_format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (ms <= 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_local (ms / 1000);
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

gboolean
sandbox_parse_time (const char *text,
                    gint64     *out_ms)
{
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char tail = 0;
  int n;

  g_assert (out_ms != NULL);

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  /* Unix milliseconds (or seconds) */
  if (strspn (text, "0123456789") == strlen (text))
    {
      guint64 value;
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
        return FALSE;
      *out_ms = value < G_GUINT64_CONSTANT (100000000000) ? (gint64) value * 1000 : (gint64) value;
      return TRUE;
    }

  n = sscanf (text, "%4d-%2d-%2d%*[ T]%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &tail);
  if (n < 3)
    {
      g_autoptr(GDateTime) iso = g_date_time_new_from_iso8601 (text, NULL);
      if (iso == NULL)
        return FALSE;
      *out_ms = g_date_time_to_unix (iso) * 1000;
      return TRUE;
    }
  if (n == 7)
    {
      g_autoptr(GDateTime) iso = g_date_time_new_from_iso8601 (text, NULL);
      if (iso == NULL)
        return FALSE;
      *out_ms = g_date_time_to_unix (iso) * 1000;
      return TRUE;
    }

  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (y, mo, d, h, mi, s);
    if (dt == NULL)
      return FALSE;
    *out_ms = g_date_time_to_unix (dt) * 1000;
  }
  return TRUE;
}

/* ---- parameters ---- */

const char *
sandbox_param (SandboxRequest *request,
               const char     *name)
{
  g_return_val_if_fail (request != NULL, NULL);
  if (request->params == NULL)
    return NULL;
  return g_hash_table_lookup (request->params, name);
}

const char *
sandbox_param_str (SandboxRequest *request,
                   const char     *name)
{
  const char *value = sandbox_param (request, name);
  return value ? value : "";
}

const char *
sandbox_param_required (SandboxRequest  *request,
                        const char      *name,
                        GError         **error)
{
  const char *value = sandbox_param (request, name);

  if (value == NULL || *value == '\0')
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Missing required parameter: %s", name);
      return NULL;
    }
  return value;
}

gboolean
sandbox_param_int64 (SandboxRequest  *request,
                     const char      *name,
                     gint64           fallback,
                     gint64          *out_value,
                     GError         **error)
{
  const char *value = sandbox_param (request, name);
  g_autofree char *trimmed = NULL;
  gint64 parsed;

  g_assert (out_value != NULL);

  if (value == NULL)
    {
      *out_value = fallback;
      return TRUE;
    }
  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    {
      *out_value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &parsed, NULL))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter %s must be a whole number", name);
      return FALSE;
    }
  *out_value = parsed;
  return TRUE;
}

gboolean
sandbox_param_int (SandboxRequest  *request,
                   const char      *name,
                   int              fallback,
                   int             *out_value,
                   GError         **error)
{
  gint64 value;

  if (!sandbox_param_int64 (request, name, fallback, &value, error))
    return FALSE;
  if (value < G_MININT || value > G_MAXINT)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter %s is out of range", name);
      return FALSE;
    }
  *out_value = (int) value;
  return TRUE;
}

gboolean
sandbox_param_time (SandboxRequest  *request,
                    const char      *name,
                    gint64           fallback,
                    gint64          *out_ms,
                    GError         **error)
{
  const char *value = sandbox_param (request, name);

  if (value == NULL || *value == '\0')
    {
      *out_ms = fallback;
      return TRUE;
    }
  if (!sandbox_parse_time (value, out_ms))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter %s must be a time like 2024-02-21 00:00:00", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
sandbox_param_paging (SandboxRequest  *request,
                      int              default_limit,
                      int             *out_start,
                      int             *out_limit,
                      GError         **error)
{
  if (!sandbox_param_int (request, "start", 0, out_start, error) ||
      !sandbox_param_int (request, "limit", default_limit, out_limit, error))
    return FALSE;
  if (*out_start < 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter start must not be negative");
      return FALSE;
    }
  if (*out_limit <= 0)
    *out_limit = default_limit;
  *out_limit = MIN (*out_limit, 1000);
  return TRUE;
}

char *
sandbox_normalize_phone (const char  *phone,
                         const char  *param_name,
                         GError     **error)
{
  GString *digits;
  const char *p;

  if (phone == NULL)
    phone = "";
  while (g_ascii_isspace (*phone))
    phone++;

  digits = g_string_new (NULL);
  for (p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if ((*p == '+' && p == phone) || *p == '-' || *p == ' ')
        continue;
      else
        break;
    }
  if (*p != '\0' || digits->len < 3 || digits->len > 20)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   *phone == '\0' ? "Missing required parameter: %s"
                                  : "Parameter %s is not a phone number",
                   param_name);
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

char *
sandbox_like_pattern (const char *value)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* ---- answers ---- */

JsonNode *
sandbox_ok_new (JsonBuilder **out_builder)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "OK");

  if (out_builder != NULL)
    {
      *out_builder = builder;
      return NULL;
    }

  json_builder_end_object (builder);
  {
    JsonNode *root = json_builder_get_root (builder);
    g_object_unref (builder);
    return root;
  }
}

void
sandbox_json_add_row_members (JsonBuilder  *builder,
                              sqlite3_stmt *stmt)
{
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, sqlite3_column_name (stmt, i));
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_builder_add_double_value (builder, sqlite3_column_double (stmt, i));
          break;
        case SQLITE_NULL:
          json_builder_add_null_value (builder);
          break;
        default:
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
}

gboolean
sandbox_json_add_rows (SandboxDb     *db,
                       JsonBuilder   *builder,
                       const char    *name,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      sandbox_json_add_row_members (builder, stmt);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    {
      sandbox_db_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- passwords ---- */

char *
sandbox_md5_upper (const char *text)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  return g_ascii_strup (hex, -1);
}

char *
sandbox_random_password (char **out_md5)
{
  char *password = g_strdup_printf ("%08u", g_random_int_range (0, 100000000));

  if (out_md5 != NULL)
    *out_md5 = sandbox_md5_upper (password);
  return password;
}

gboolean
sandbox_param_text (SandboxRequest  *request,
                    const char      *name,
                    gsize            max_bytes,
                    const char     **out_value,
                    GError         **error)
{
  const char *value = sandbox_param (request, name);

  *out_value = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter %s is not valid UTF-8", name);
      return FALSE;
    }
  if (strlen (value) > max_bytes)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                   "Parameter %s is longer than %" G_GSIZE_FORMAT " bytes", name, max_bytes);
      return FALSE;
    }
  *out_value = value;
  return TRUE;
}

JsonBuilder *
sandbox_success_new (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "success");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "OK");
  return builder;
}

JsonNode *
sandbox_builder_finish (JsonBuilder *builder)
{
  JsonNode *root;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_object_unref (builder);
  return root;
}

/* ---- query parameters ---- */

typedef struct
{
  char   *text;   /* NULL: an integer */
  gint64  value;
} Bind;

struct _SandboxBinds
{
  GArray *items;
};

static void
bind_clear (gpointer data)
{
  g_free (((Bind *) data)->text);
}

SandboxBinds *
sandbox_binds_new (void)
{
  SandboxBinds *binds = g_new0 (SandboxBinds, 1);

  binds->items = g_array_new (FALSE, TRUE, sizeof (Bind));
  g_array_set_clear_func (binds->items, bind_clear);
  return binds;
}

void
sandbox_binds_free (SandboxBinds *binds)
{
  if (binds == NULL)
    return;
  g_array_unref (binds->items);
  g_free (binds);
}

void
sandbox_binds_add_text (SandboxBinds *binds,
                        const char   *text)
{
  Bind bind = { g_strdup (text ? text : ""), 0 };
  g_array_append_val (binds->items, bind);
}

void
sandbox_binds_add_int (SandboxBinds *binds,
                       gint64        value)
{
  Bind bind = { NULL, value };
  g_array_append_val (binds->items, bind);
}

int
sandbox_binds_apply (SandboxBinds *binds,
                     sqlite3_stmt *stmt)
{
  guint i;

  for (i = 0; i < binds->items->len; i++)
    {
      const Bind *bind = &g_array_index (binds->items, Bind, i);

      if (bind->text != NULL)
        sqlite3_bind_text (stmt, i + 1, bind->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, bind->value);
    }
  return i + 1;
}

gint64
sandbox_binds_count (SandboxDb     *db,
                     SandboxBinds  *binds,
                     const char    *from_where,
                     GError       **error)
{
  g_autofree char *sql = g_strconcat ("SELECT COUNT(*) FROM ", from_where, NULL);
  sqlite3_stmt *stmt = sandbox_db_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  sandbox_binds_apply (binds, stmt);
  return sandbox_db_query_int (db, stmt, error);
}

gboolean
sandbox_db_is_blacklisted (SandboxDb  *db,
                           gint64      comp_id,
                           const char *phone)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (db, "SELECT COUNT(*) FROM blacklist"
                                               " WHERE comp_id = ? AND bla_phone = ?", NULL);
  if (stmt == NULL || phone == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  return sandbox_db_query_int (db, stmt, NULL) > 0;
}
