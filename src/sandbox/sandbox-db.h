/* sandbox-db.h — what the data side's files share beyond sandbox-private.h
 *
 * Statement cache, time and parameter helpers, and JSON row helpers used by
 * sandbox-seed.c and the sandbox-methods-data*.c handlers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sandbox-private.h"

G_BEGIN_DECLS

/* CREATE … IF NOT EXISTS for every table (sandbox-db-schema.c). */
extern const char sandbox_db_schema_sql[];

/* Returns a cached prepared statement, reset and with its bindings cleared. The statement is
 * owned by @db: never finalize it, and do not use the same SQL twice at once. */
sqlite3_stmt *sandbox_db_prepare          (SandboxDb    *db,
                                           const char   *sql,
                                           GError      **error);
/* Sets @error from the handle's last error (SANDBOX_ERROR_SQL) and returns FALSE. */
gboolean      sandbox_db_set_error        (SandboxDb    *db,
                                           GError      **error);
/* Steps a statement that returns no rows; FALSE with @error on failure. */
gboolean      sandbox_db_step_done        (SandboxDb    *db,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
gboolean      sandbox_db_begin            (SandboxDb    *db,
                                           GError      **error);
gboolean      sandbox_db_commit           (SandboxDb    *db,
                                           GError      **error);
void          sandbox_db_rollback         (SandboxDb    *db);

/* The next id for call records and task details: 64-bit, above 2^53 like the real server's. */
gint64        sandbox_db_next_cdr_id      (SandboxDb    *db);
gint64        sandbox_db_next_ctd_id      (SandboxDb    *db);

gint64        sandbox_db_lookup_company   (SandboxDb    *db,
                                           const char   *comp_number);
/* Reads a SandboxAgent from a row selected with SANDBOX_AGENT_COLUMNS. */
SandboxAgent *sandbox_db_agent_from_row   (sqlite3_stmt *stmt);
#define SANDBOX_AGENT_COLUMNS \
  "a.exte_id, a.comp_id, c.comp_number || a.exte_extension, a.exte_extension, c.comp_number, " \
  "c.comp_name, a.exte_name, a.exte_status, a.exte_login_type, a.disable_phone_num, " \
  "a.exte_mobile, a.checked_in"

/* "yyyy-mm-dd hh:nn:ss" in local time; "" for 0. */
char         *sandbox_format_time         (gint64        ms);
/* Accepts "yyyy-mm-dd hh:nn:ss", "yyyy-mm-dd hh:nn", "yyyy-mm-dd", ISO 8601 and Unix ms. */
gboolean      sandbox_parse_time          (const char   *text,
                                           gint64       *out_ms);

/* Empty or missing → @fallback; malformed → FALSE with SANDBOX_ERROR_PARAMETER naming it. */
gboolean      sandbox_param_int           (SandboxRequest *request,
                                           const char     *name,
                                           int             fallback,
                                           int            *out_value,
                                           GError        **error);
gboolean      sandbox_param_time          (SandboxRequest *request,
                                           const char     *name,
                                           gint64          fallback,
                                           gint64         *out_ms,
                                           GError        **error);
/* The value, or "" when missing. */
const char   *sandbox_param_str           (SandboxRequest *request,
                                           const char     *name);
/* A required non-empty parameter; NULL with SANDBOX_ERROR_PARAMETER naming it. */
const char   *sandbox_param_required      (SandboxRequest *request,
                                           const char     *name,
                                           GError        **error);
/* Text that will be stored: missing → *out_value NULL and TRUE; invalid UTF-8 or longer than
 * @max_bytes → FALSE with SANDBOX_ERROR_PARAMETER (or _OVER_MAXIMUM) naming it. */
gboolean      sandbox_param_text          (SandboxRequest *request,
                                           const char     *name,
                                           gsize           max_bytes,
                                           const char    **out_value,
                                           GError        **error);
/* start/limit paging with the document's defaults, limit clamped to 1…1000. */
gboolean      sandbox_param_paging        (SandboxRequest *request,
                                           int             default_limit,
                                           int            *out_start,
                                           int            *out_limit,
                                           GError        **error);

/* A phone number as the server accepts it: 3–20 characters of digits, optionally a leading +,
 * and - inside. Returns the digits-only form or NULL with SANDBOX_ERROR_PARAMETER. */
char         *sandbox_normalize_phone     (const char   *phone,
                                           const char   *param_name,
                                           GError      **error);
/* Escapes %, _ and \ for LIKE … ESCAPE '\' and wraps the value in %…%. */
char         *sandbox_like_pattern        (const char   *value);

/* Adds every column of the current row as a member named by its alias: integers as numbers,
 * text as strings, NULL as null. Text that must stay text (64-bit ids) is CAST in the SQL. */
void          sandbox_json_add_row_members (JsonBuilder  *builder,
                                            sqlite3_stmt *stmt);
/* Steps @stmt to the end, adding one object per row to an array member @name. */
gboolean      sandbox_json_add_rows       (SandboxDb    *db,
                                           JsonBuilder  *builder,
                                           const char   *name,
                                           sqlite3_stmt *stmt,
                                           GError      **error);
/* Runs a single-value integer query (already bound); -1 with @error on failure. */
gint64        sandbox_db_query_int        (SandboxDb    *db,
                                           sqlite3_stmt *stmt,
                                           GError      **error);

/* An answer in the document's success shape: {"success": true, "code": 0, "message": "OK", …}
 * with the object still open. */
JsonBuilder  *sandbox_success_new         (void);
/* Ends the open object, returns the root and drops the builder. */
JsonNode     *sandbox_builder_finish      (JsonBuilder  *builder);

/* Values for the plain `?` placeholders of a query built from fixed fragments, in order. */
typedef struct _SandboxBinds SandboxBinds;
SandboxBinds *sandbox_binds_new           (void);
void          sandbox_binds_free          (SandboxBinds *binds);
void          sandbox_binds_add_text      (SandboxBinds *binds,
                                           const char   *text);
void          sandbox_binds_add_int       (SandboxBinds *binds,
                                           gint64        value);
/* Binds every value from index 1; returns the next free index. */
int           sandbox_binds_apply         (SandboxBinds *binds,
                                           sqlite3_stmt *stmt);
/* `SELECT COUNT(*) FROM @from_where` with @binds: a page's total; -1 with @error. */
gint64        sandbox_binds_count         (SandboxDb    *db,
                                           SandboxBinds *binds,
                                           const char   *from_where,
                                           GError      **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SandboxBinds, sandbox_binds_free)

gboolean      sandbox_agent_is_admin      (const SandboxAgent *agent);
/* A fresh random password of 8 digits and its upper-case MD5. */
char         *sandbox_random_password     (char        **out_md5);
char         *sandbox_md5_upper           (const char   *text);

/* The areas: sandbox-methods-data-records.c. Returns the city and fills @out_code. */
const char   *sandbox_area_lookup         (const char   *phone,
                                           const char  **out_code);

/* For getTaskDetailPhone: the next task number @agent should call (allotted to them first,
 * then unallotted, oldest first), now marked calling (ctdStatus 1) by them. Returns its ctdId
 * with the phone and the task's cfId, or 0 when nothing is left (sandbox-methods-data-tasks.c). */
gint64        sandbox_db_next_task_detail (SandboxDb           *db,
                                           const SandboxAgent  *agent,
                                           char               **out_phone,
                                           gint64              *out_cf_id,
                                           GError             **error);
/* Whether @phone is on the company's blacklist (callbacks and campaigns never call it). */
gboolean      sandbox_db_is_blacklisted   (SandboxDb    *db,
                                           gint64        comp_id,
                                           const char   *phone);

/* The method tables of each area, each ending in { NULL }. */
extern const SandboxMethod sandbox_methods_data_customers[];
extern const SandboxMethod sandbox_methods_data_memos[];
extern const SandboxMethod sandbox_methods_data_records[];
extern const SandboxMethod sandbox_methods_data_admin[];
extern const SandboxMethod sandbox_methods_data_tasks[];

G_END_DECLS
