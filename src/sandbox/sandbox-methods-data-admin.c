/* sandbox-methods-data-admin.c — agents, blacklist, channels and caller IDs
 *
 * Sections 2.1.2, 2.1.12, 2.2 and 2.11 of the document. Everything that changes agents, the
 * blacklist or caller IDs is for administrators (exteStatus 2); the server answers -5 to others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

#include <string.h>

#define EXTENSION_MIN 400
#define EXTENSION_MAX 899
#define MAX_BLACKLIST_PHONES 1000

#define AGENT_COLUMNS \
  "a.exte_id AS exteId, a.exte_extension AS exteExtension, c.comp_number || a.exte_extension AS exteAccount," \
  " a.exte_name AS exteName, a.exte_mobile AS exteMobile, a.exte_in_mobile_rule AS exteinMobileRule," \
  " a.exte_status AS exteStatus," \
  " CASE WHEN a.exte_status = 1 THEN '禁用'" \
  "      WHEN EXISTS (SELECT 1 FROM channels h WHERE h.exte_id = a.exte_id AND h.ch_state = 4) THEN '通话中'" \
  "      WHEN EXISTS (SELECT 1 FROM channels h WHERE h.exte_id = a.exte_id AND h.ch_state IN (2, 3)) THEN '振铃中'" \
  "      WHEN a.checked_in = 1 THEN '签入' ELSE '签出' END AS statustext," \
  " a.checked_in AS checkedIn, a.exte_dept_id AS exte_deptId, COALESCE(d.dept_name, '') AS deptName," \
  " a.exte_is_record AS exteIsRecord, a.exte_memo AS exteMemo, a.exte_memo2 AS exteMemo2," \
  " a.exte_memo3 AS exteMemo3, a.exte_memo4 AS exteMemo4, a.exte_memo5 AS exteMemo5," \
  " a.exte_login_name AS exteLoginName, a.exte_login_type AS exteLoginType," \
  " a.exte_transfer_shp_id AS exte_transfer_shpId, a.exte_is_app AS exteIsApp," \
  " a.exte_shp_id AS exte_shpId, COALESCE(s.shp_phone, '') AS shpPhone"

typedef enum
{
  FIELD_TEXT,
  FIELD_FLAG,        /* 0 or 1 */
  FIELD_STATUS,      /* 0, 1, 2, 9 */
  FIELD_LOGIN_TYPE,  /* 0, 1, 2, 4 */
  FIELD_DEPT,        /* a department of the company */
  FIELD_SHOW_NUMBER, /* a show number of the company */
  FIELD_PHONE,
} FieldKind;

/* Every exte* parameter of 2.11 but exteExtension and extePassword, which are special. */
static const struct
{
  const char *param;
  const char *column;
  FieldKind   kind;
} agent_fields[] = {
  { "exteName", "exte_name", FIELD_TEXT },
  { "exte_deptId", "exte_dept_id", FIELD_DEPT },
  { "exteMobile", "exte_mobile", FIELD_PHONE },
  { "exteinMobileRule", "exte_in_mobile_rule", FIELD_FLAG },
  { "exteStatus", "exte_status", FIELD_STATUS },
  { "exteIsRecord", "exte_is_record", FIELD_FLAG },
  { "exteMemo", "exte_memo", FIELD_TEXT },
  { "exteMemo2", "exte_memo2", FIELD_TEXT },
  { "exteMemo3", "exte_memo3", FIELD_TEXT },
  { "exteMemo4", "exte_memo4", FIELD_TEXT },
  { "exteMemo5", "exte_memo5", FIELD_TEXT },
  { "exteLoginName", "exte_login_name", FIELD_TEXT },
  { "exteLoginType", "exte_login_type", FIELD_LOGIN_TYPE },
  { "exte_transfer_shpId", "exte_transfer_shp_id", FIELD_SHOW_NUMBER },
  { "exteIsApp", "exte_is_app", FIELD_FLAG },
  { "exte_shpId", "exte_shp_id", FIELD_SHOW_NUMBER },
};

typedef struct
{
  gboolean  present;
  gboolean  is_int;
  gint64    number;
  char     *text;
} FieldValue;

static gboolean
row_exists (SandboxRequest *request,
            const char     *sql,
            gint64          id)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, request->agent->comp_id);
  return sandbox_db_query_int (request->db, stmt, NULL) > 0;
}

static gboolean
read_agent_fields (SandboxRequest  *request,
                   FieldValue      *values,
                   GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    {
      const char *name = agent_fields[i].param;
      const char *raw = sandbox_param (request, name);
      FieldValue *v = &values[i];
      gint64 n;

      if (raw == NULL)
        continue;
      v->present = TRUE;
      switch (agent_fields[i].kind)
        {
        case FIELD_TEXT:
          if (!sandbox_param_text (request, name, 4096, &raw, error))
            return FALSE;
          v->text = g_strdup (raw);
          break;

        case FIELD_PHONE:
          if (*raw == '\0')
            v->text = g_strdup ("");
          else if ((v->text = sandbox_normalize_phone (raw, name, error)) == NULL)
            return FALSE;
          break;

        default:
          v->is_int = TRUE;
          if (*raw == '\0' && (agent_fields[i].kind == FIELD_DEPT ||
                               agent_fields[i].kind == FIELD_SHOW_NUMBER))
            {
              /* empty: no department / no show number */
              v->is_int = FALSE;
              v->text = NULL;
              break;
            }
          if (!sandbox_param_int64 (request, name, 0, &n, error))
            return FALSE;
          v->number = n;
          if ((agent_fields[i].kind == FIELD_FLAG && n != 0 && n != 1) ||
              (agent_fields[i].kind == FIELD_STATUS && n != 0 && n != 1 && n != 2 && n != 9) ||
              (agent_fields[i].kind == FIELD_LOGIN_TYPE && n != 0 && n != 1 && n != 2 && n != 4))
            {
              g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter %s has a value the document does not define", name);
              return FALSE;
            }
          if (agent_fields[i].kind == FIELD_DEPT &&
              !row_exists (request, "SELECT COUNT(*) FROM departments WHERE dept_id = ? AND comp_id = ?", n))
            {
              g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                           "No department %" G_GINT64_FORMAT " (%s)", n, name);
              return FALSE;
            }
          if (agent_fields[i].kind == FIELD_SHOW_NUMBER &&
              !row_exists (request, "SELECT COUNT(*) FROM show_numbers WHERE shp_id = ? AND comp_id = ?", n))
            {
              g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                           "No show number %" G_GINT64_FORMAT " (%s)", n, name);
              return FALSE;
            }
          break;
        }
    }
  return TRUE;
}

static void
clear_agent_fields (FieldValue *values)
{
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    g_free (values[i].text);
}

static void
bind_field (sqlite3_stmt     *stmt,
            int               index,
            const FieldValue *v)
{
  if (!v->present)
    return;  /* NULL: COALESCE keeps the column */
  if (v->is_int)
    sqlite3_bind_int64 (stmt, index, v->number);
  else if (v->text != NULL)
    sqlite3_bind_text (stmt, index, v->text, -1, SQLITE_TRANSIENT);
}

/* exteExtension: the 3 digits 400–899. */
static gboolean
param_extension (SandboxRequest  *request,
                 gboolean         required,
                 char           **out_extension,
                 GError         **error)
{
  const char *raw = sandbox_param (request, "exteExtension");
  gint64 n;

  *out_extension = NULL;
  if (raw == NULL || *raw == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: exteExtension");
      return FALSE;
    }
  if (!g_ascii_string_to_signed (raw, 10, EXTENSION_MIN, EXTENSION_MAX, &n, NULL))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                   "Parameter exteExtension must be a number from %d to %d",
                   EXTENSION_MIN, EXTENSION_MAX);
      return FALSE;
    }
  *out_extension = g_strdup_printf ("%d", (int) n);
  return TRUE;
}

static gboolean
extension_taken (SandboxRequest *request,
                 const char     *extension,
                 gint64          except_id)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
                                           "SELECT COUNT(*) FROM agents WHERE comp_id = ?"
                                           " AND exte_extension = ? AND exte_id != ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, extension, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, except_id);
  return sandbox_db_query_int (request->db, stmt, NULL) > 0;
}

static gboolean
param_exte_id (SandboxRequest  *request,
               gint64          *out_id,
               GError         **error)
{
  if (!sandbox_param_int64 (request, "exteId", 0, out_id, error))
    return FALSE;
  if (*out_id <= 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: exteId");
      return FALSE;
    }
  if (!row_exists (request, "SELECT COUNT(*) FROM agents WHERE exte_id = ? AND comp_id = ?", *out_id))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                   "No agent with exteId %" G_GINT64_FORMAT, *out_id);
      return FALSE;
    }
  return TRUE;
}

/* ---- getExtensions ---- */

static JsonNode *
get_extensions (SandboxRequest  *request,
                GError         **error)
{
  JsonBuilder *builder;
  sqlite3_stmt *stmt;

  stmt = sandbox_db_prepare (request->db,
                             "SELECT " AGENT_COLUMNS " FROM agents a"
                             " JOIN companies c ON c.comp_id = a.comp_id"
                             " LEFT JOIN departments d ON d.dept_id = a.exte_dept_id"
                             " LEFT JOIN show_numbers s ON s.shp_id = a.exte_shp_id"
                             " WHERE a.comp_id = ? ORDER BY a.exte_extension", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);

  sandbox_ok_new (&builder);
  if (!sandbox_json_add_rows (request->db, builder, "extension", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* ---- addExtension, registerExtension ---- */

static gint64
insert_agent (SandboxRequest  *request,
              const char      *extension,
              const char      *password_md5,
              FieldValue      *values,
              GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO agents (comp_id, exte_extension, exte_password,"
                                         " create_ms");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    g_string_append_printf (sql, ", %s", agent_fields[i].column);
  g_string_append (sql, ") VALUES (?, ?, ?, ?");
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    {
      /* absent: the column's default */
      const char *fallback = agent_fields[i].kind == FIELD_TEXT || agent_fields[i].kind == FIELD_PHONE
                               ? "''"
                               : agent_fields[i].kind == FIELD_DEPT || agent_fields[i].kind == FIELD_SHOW_NUMBER
                                   ? "NULL"
                                   : g_str_equal (agent_fields[i].param, "exteIsRecord") ? "1" : "0";
      g_string_append_printf (sql, ", COALESCE(?, %s)", fallback);
    }
  g_string_append (sql, ")");

  stmt = sandbox_db_prepare (request->db, sql->str, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, extension, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, password_md5, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, sandbox_now_ms ());
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    if (values != NULL)
      bind_field (stmt, 5 + i, &values[i]);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (sandbox_db_get_handle (request->db));
}

static JsonNode *
add_extension (SandboxRequest  *request,
               GError         **error)
{
  FieldValue values[G_N_ELEMENTS (agent_fields)] = { { 0 } };
  g_autofree char *extension = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *md5 = NULL;
  const char *password = NULL;
  JsonBuilder *builder = NULL;
  gint64 exte_id;

  if (!param_extension (request, TRUE, &extension, error) ||
      !sandbox_param_text (request, "extePassword", 256, &password, error) ||
      !read_agent_fields (request, values, error))
    goto out;
  if (extension_taken (request, extension, 0))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_EXISTS,
                   "Extension %s already exists", extension);
      goto out;
    }
  if (password == NULL || *password == '\0')
    password = generated = sandbox_random_password (NULL);
  md5 = sandbox_md5_upper (password);

  exte_id = insert_agent (request, extension, md5, values, error);
  if (exte_id == 0)
    goto out;

  sandbox_ok_new (&builder);
  json_builder_set_member_name (builder, "exteId");
  json_builder_add_int_value (builder, exte_id);
  if (generated != NULL)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, generated);
    }

out:
  clear_agent_fields (values);
  return builder ? sandbox_builder_finish (builder) : NULL;
}

/* Opens the next free extension with a random password. */
static JsonNode *
register_extension (SandboxRequest  *request,
                    GError         **error)
{
  g_autofree char *password = NULL;
  g_autofree char *md5 = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *account = NULL;
  JsonBuilder *builder;
  gint64 exte_id;

  for (int n = EXTENSION_MIN; n <= EXTENSION_MAX && extension == NULL; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%d", n);
      if (!extension_taken (request, candidate, 0))
        extension = g_steal_pointer (&candidate);
    }
  if (extension == NULL)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                   "Every extension from %d to %d is taken", EXTENSION_MIN, EXTENSION_MAX);
      return NULL;
    }
  password = sandbox_random_password (&md5);
  exte_id = insert_agent (request, extension, md5, NULL, error);
  if (exte_id == 0)
    return NULL;

  account = g_strconcat (request->agent->comp_number, extension, NULL);
  sandbox_ok_new (&builder);
  json_builder_set_member_name (builder, "extension");
  json_builder_add_string_value (builder, account);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "exteId");
  json_builder_add_int_value (builder, exte_id);
  return sandbox_builder_finish (builder);
}

/* ---- editExtension, delExtension, initExtensionPassword ---- */

static JsonNode *
edit_extension (SandboxRequest  *request,
                GError         **error)
{
  FieldValue values[G_N_ELEMENTS (agent_fields)] = { { 0 } };
  g_autofree char *extension = NULL;
  g_autofree char *md5 = NULL;
  g_autoptr(GString) sql = NULL;
  const char *password = NULL;
  sqlite3_stmt *stmt;
  JsonNode *answer = NULL;
  gint64 exte_id;
  int index;

  if (!param_exte_id (request, &exte_id, error) ||
      !param_extension (request, FALSE, &extension, error) ||
      !sandbox_param_text (request, "extePassword", 256, &password, error) ||
      !read_agent_fields (request, values, error))
    goto out;
  if (extension != NULL && extension_taken (request, extension, exte_id))
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_EXISTS,
                   "Extension %s already exists", extension);
      goto out;
    }
  if (password != NULL && *password != '\0')
    md5 = sandbox_md5_upper (password);

  sql = g_string_new ("UPDATE agents SET exte_extension = COALESCE(?1, exte_extension),"
                      " exte_password = COALESCE(?2, exte_password)");
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    /* a field that was sent replaces the column; an empty department or show number clears it */
    g_string_append_printf (sql, ", %s = CASE WHEN ?%u THEN ?%u ELSE %s END",
                            agent_fields[i].column, 3 + 2 * i, 4 + 2 * i, agent_fields[i].column);
  index = 3 + 2 * G_N_ELEMENTS (agent_fields);
  g_string_append_printf (sql, " WHERE exte_id = ?%d AND comp_id = ?%d", index, index + 1);

  stmt = sandbox_db_prepare (request->db, sql->str, error);
  if (stmt == NULL)
    goto out;
  if (extension != NULL)
    sqlite3_bind_text (stmt, 1, extension, -1, SQLITE_TRANSIENT);
  if (md5 != NULL)
    sqlite3_bind_text (stmt, 2, md5, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (agent_fields); i++)
    {
      sqlite3_bind_int (stmt, 3 + 2 * i, values[i].present);
      bind_field (stmt, 4 + 2 * i, &values[i]);
    }
  sqlite3_bind_int64 (stmt, index, exte_id);
  sqlite3_bind_int64 (stmt, index + 1, request->agent->comp_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    goto out;
  answer = sandbox_ok_new (NULL);

out:
  clear_agent_fields (values);
  return answer;
}

static JsonNode *
del_extension (SandboxRequest  *request,
               GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 exte_id;

  if (!param_exte_id (request, &exte_id, error))
    return NULL;
  if (exte_id == request->agent->exte_id)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PERMISSION,
                           "An administrator cannot delete their own account");
      return NULL;
    }
  stmt = sandbox_db_prepare (request->db, "DELETE FROM agents WHERE exte_id = ? AND comp_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, exte_id);
  sqlite3_bind_int64 (stmt, 2, request->agent->comp_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return NULL;
  return sandbox_ok_new (NULL);
}

static JsonNode *
init_extension_password (SandboxRequest  *request,
                         GError         **error)
{
  g_autofree char *password = NULL;
  g_autofree char *md5 = NULL;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;
  gint64 exte_id;

  if (!param_exte_id (request, &exte_id, error))
    return NULL;
  password = sandbox_random_password (&md5);
  stmt = sandbox_db_prepare (request->db, "UPDATE agents SET exte_password = ? WHERE exte_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, md5, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, exte_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return NULL;

  sandbox_ok_new (&builder);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  return sandbox_builder_finish (builder);
}

/* ---- setShowPhone ---- */

static JsonNode *
set_show_phone (SandboxRequest  *request,
                GError         **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *account = NULL;
  g_autoptr(SandboxAgent) target = NULL;
  const char *extension;
  sqlite3_stmt *stmt;

  if ((extension = sandbox_param_required (request, "extension", error)) == NULL ||
      (phone = sandbox_normalize_phone (sandbox_param (request, "phone"), "phone", error)) == NULL)
    return NULL;

  account = strlen (extension) <= 4 ? g_strconcat (request->agent->comp_number, extension, NULL)
                                    : g_strdup (extension);
  target = sandbox_db_lookup_agent (request->db, account);
  if (target == NULL || target->comp_id != request->agent->comp_id)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "No agent %s", extension);
      return NULL;
    }

  if (!sandbox_db_begin (request->db, error))
    return NULL;
  stmt = sandbox_db_prepare (request->db, "INSERT OR IGNORE INTO show_numbers (comp_id, shp_phone)"
                                          " VALUES (?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  if (!sandbox_db_step_done (request->db, stmt, error))
    goto fail;
  stmt = sandbox_db_prepare (request->db,
                             "UPDATE agents SET exte_shp_id = (SELECT shp_id FROM show_numbers"
                             " WHERE comp_id = ?1 AND shp_phone = ?2) WHERE exte_id = ?3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, target->exte_id);
  if (!sandbox_db_step_done (request->db, stmt, error) ||
      !sandbox_db_commit (request->db, error))
    goto fail;
  return sandbox_ok_new (NULL);

fail:
  sandbox_db_rollback (request->db);
  return NULL;
}

/* ---- systemChannels, getChannelList ---- */

static gint64
count_channels (SandboxRequest *request,
                const char     *sql)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  return MAX (0, sandbox_db_query_int (request->db, stmt, NULL));
}

static JsonNode *
system_channels (SandboxRequest  *request,
                 GError         **error)
{
  const char *comp_number = sandbox_param_str (request, "CompNumber");
  JsonBuilder *builder;
  sqlite3_stmt *stmt;

  if (*comp_number != '\0' && g_strcmp0 (comp_number, request->agent->comp_number) != 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PERMISSION,
                           "Only your own company's channels can be shown");
      return NULL;
    }

  stmt = sandbox_db_prepare (request->db,
                             "SELECT h.ch_id AS chId, h.ch_name AS channelName,"
                             " h.ch_group_call AS channelType, h.ch_state AS state,"
                             " CASE h.ch_state WHEN 0 THEN '未连接' WHEN 1 THEN '空闲'"
                             "  WHEN 2 THEN '振铃中' WHEN 3 THEN '拨号中' ELSE '通话中' END AS stateText,"
                             " h.ch_phone AS phone, h.ch_peer AS peer,"
                             " COALESCE(a.exte_name, '') AS exteName,"
                             " COALESCE(c.comp_number || a.exte_extension, '') AS extension,"
                             " CASE WHEN h.ch_state > 1 THEN (?2 - h.ch_since_ms) / 1000 ELSE 0 END AS calltime,"
                             " COALESCE(v.dev_name, '') AS devName, COALESCE(v.dev_mac, '') AS devMac"
                             " FROM channels h JOIN companies c ON c.comp_id = h.comp_id"
                             " LEFT JOIN agents a ON a.exte_id = h.exte_id"
                             " LEFT JOIN devices v ON v.dev_id = h.dev_id"
                             " WHERE h.comp_id = ?1 ORDER BY h.ch_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, sandbox_now_ms ());

  sandbox_ok_new (&builder);
  if (!sandbox_json_add_rows (request->db, builder, "channelviewinfo", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  json_builder_set_member_name (builder, "totalNum");
  json_builder_add_int_value (builder, count_channels (request,
    "SELECT COUNT(*) FROM channels WHERE comp_id = ?"));
  json_builder_set_member_name (builder, "totalGroupCallNum");
  json_builder_add_int_value (builder, count_channels (request,
    "SELECT COUNT(*) FROM channels WHERE comp_id = ? AND ch_group_call = 1"));
  json_builder_set_member_name (builder, "useGroupCallNum");
  json_builder_add_int_value (builder, count_channels (request,
    "SELECT COUNT(*) FROM channels WHERE comp_id = ? AND ch_group_call = 1 AND ch_state > 1"));
  json_builder_set_member_name (builder, "useAgiCallNum");
  json_builder_add_int_value (builder, count_channels (request,
    "SELECT COUNT(*) FROM channels WHERE comp_id = ? AND ch_group_call = 0 AND ch_state > 1"));
  json_builder_set_member_name (builder, "channelNum");
  json_builder_add_int_value (builder, count_channels (request,
    "SELECT COUNT(*) FROM channels WHERE comp_id = ? AND ch_group_call = 0"));
  return sandbox_builder_finish (builder);
}

/* Open to agents too: the queue's length is what an agent watches between calls. */
static JsonNode *
get_channel_list (SandboxRequest  *request,
                  GError         **error)
{
  JsonBuilder *builder;
  sqlite3_stmt *stmt;
  int queue_only;

  if (!sandbox_param_int (request, "queueSize", 0, &queue_only, error))
    return NULL;
  if (queue_only != 0 && queue_only != 1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter queueSize must be 0 (all) or 1 (waiting)");
      return NULL;
    }

  stmt = sandbox_db_prepare (request->db,
                             "SELECT q.queue_id AS queueId, q.channel_name AS channelName,"
                             " q.callin_tel AS callinTel, sandbox_time(q.create_ms) AS createTime,"
                             " q.waiting AS waiting, (?3 - q.create_ms) / 1000 AS waitTimes"
                             " FROM channel_queue q WHERE q.comp_id = ?1 AND (?2 = 0 OR q.waiting = 1)"
                             " ORDER BY q.create_ms, q.queue_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int (stmt, 2, queue_only);
  sqlite3_bind_int64 (stmt, 3, sandbox_now_ms ());

  sandbox_ok_new (&builder);
  if (!sandbox_json_add_rows (request->db, builder, "rows", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* ---- blacklist ---- */

static GPtrArray *
param_phone_list (SandboxRequest  *request,
                  GError         **error)
{
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  const char *list;

  if ((list = sandbox_param_required (request, "phones", error)) == NULL)
    return NULL;
  parts = g_strsplit_set (list, ",，;\n", 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (parts[i]));
      char *phone;

      if (*trimmed == '\0')
        continue;
      if ((phone = sandbox_normalize_phone (trimmed, "phones", error)) == NULL)
        return NULL;
      g_ptr_array_add (phones, phone);
    }
  if (phones->len == 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: phones");
      return NULL;
    }
  if (phones->len > MAX_BLACKLIST_PHONES)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                   "At most %d numbers at once", MAX_BLACKLIST_PHONES);
      return NULL;
    }
  return g_steal_pointer (&phones);
}

static JsonNode *
change_blacklist (SandboxRequest  *request,
                  const char      *sql,
                  GError         **error)
{
  g_autoptr(GPtrArray) phones = param_phone_list (request, error);
  sqlite3 *handle = sandbox_db_get_handle (request->db);
  JsonBuilder *builder;
  sqlite3_stmt *stmt;
  gint64 changed = 0;

  if (phones == NULL || !sandbox_db_begin (request->db, error))
    return NULL;
  stmt = sandbox_db_prepare (request->db, sql, error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < phones->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
      sqlite3_bind_text (stmt, 2, phones->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, sandbox_now_ms ());
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
      changed += sqlite3_changes (handle);
    }
  if (!sandbox_db_commit (request->db, error))
    goto fail;

  sandbox_ok_new (&builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, changed);
  return sandbox_builder_finish (builder);

fail:
  sandbox_db_rollback (request->db);
  return NULL;
}

static JsonNode *
add_blacklists (SandboxRequest  *request,
                GError         **error)
{
  return change_blacklist (request, "INSERT OR IGNORE INTO blacklist (comp_id, bla_phone, create_ms)"
                                    " VALUES (?1, ?2, ?3)", error);
}

static JsonNode *
del_blacklists (SandboxRequest  *request,
                GError         **error)
{
  /* ?3 is bound but unused */
  return change_blacklist (request, "DELETE FROM blacklist WHERE comp_id = ?1 AND bla_phone = ?2"
                                    " AND ?3 IS NOT NULL", error);
}

static JsonNode *
get_blacklists (SandboxRequest  *request,
                GError         **error)
{
  JsonBuilder *builder;
  sqlite3_stmt *stmt;
  gint64 total = 0;
  int rc;

  stmt = sandbox_db_prepare (request->db,
                             "SELECT bla_id AS blaId, bla_phone AS blaPhone,"
                             " sandbox_time(create_ms) AS blaCreateTime FROM blacklist"
                             " WHERE comp_id = ? ORDER BY create_ms DESC, bla_id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);

  sandbox_ok_new (&builder);
  /* the document's list of numbers… */
  json_builder_set_member_name (builder, "blaPhone");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      total++;
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sandbox_db_set_error (request->db, error);
      g_object_unref (builder);
      return NULL;
    }
  /* …and the same rows with their ids and dates */
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  if (!sandbox_json_add_rows (request->db, builder, "rows", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  return sandbox_builder_finish (builder);
}

const SandboxMethod sandbox_methods_data_admin[] = {
  { "getExtensions", get_extensions, FALSE, NULL },
  { "registerExtension", register_extension, TRUE, NULL },
  { "addExtension", add_extension, TRUE, NULL },
  { "editExtension", edit_extension, TRUE, "exteId" },
  { "delExtension", del_extension, TRUE, "exteId" },
  { "initExtensionPassword", init_extension_password, TRUE, "exteId" },
  { "setShowPhone", set_show_phone, TRUE, NULL },
  { "systemChannels", system_channels, TRUE, NULL },
  { "getChannelList", get_channel_list, FALSE, NULL },
  { "addBlacklists", add_blacklists, TRUE, "phones" },
  { "delBlacklists", del_blacklists, TRUE, "phones" },
  { "getBlacklists", get_blacklists, TRUE, NULL },
  { NULL }
};
