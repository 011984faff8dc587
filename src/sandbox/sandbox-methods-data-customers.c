/* sandbox-methods-data-customers.c — customers, phones, memos, sales, codes, table fields
 *
 * Sections 2.1.9, 2.6, 2.7.3 and 2.8 of the document (memos: sandbox-methods-data-memos.c). Customers belong to the company:
 * every agent sees them all. A locked customer (custIsLock 1) may be changed only by its
 * owner or an administrator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-methods-data"

#include "config.h"

#include "sandbox-db.h"

#include <string.h>

#define MAX_TEXT (64 * 1024)
#define MAX_PHONES 50

#define CUSTOMER_COLUMNS \
  "c.cust_id AS custId, c.cust_name AS custName, c.cust_corp_name AS custCorpName," \
  " c.cust_status AS custStatus, c.cust_qq AS custQQ, c.cust_addr AS custAddr," \
  " c.cust_birthday_type AS custBirthdayType, c.cust_birthday AS custBirthday," \
  " c.cust_source AS custSource, c.cust_age AS custAge, c.cust_area AS custArea," \
  " c.cust_sex AS custSex, c.cust_memo AS custMemo, c.cust_type AS custType," \
  " c.cust_other1 AS custOther1, c.cust_other2 AS custOther2, c.cust_other3 AS custOther3," \
  " c.cust_is_lock AS custIsLock, c.exte_id AS cust_exteId," \
  " COALESCE(a.exte_name, '') AS exteName," \
  " COALESCE((SELECT comp_number FROM companies WHERE comp_id = c.comp_id), '')" \
  "   || COALESCE(a.exte_extension, '') AS custExtension," \
  " sandbox_time(c.create_ms) AS custCreateTime, sandbox_time(c.update_ms) AS custUpdateTime," \
  " sandbox_time(c.last_call_ms) AS custLastCallTime"

#define PHONE_COLUMNS \
  "p.cp_id AS cpId, p.cust_id AS cp_custId, p.cp_phone AS cpPhone, p.cp_type AS cpType," \
  " p.cp_link_man AS cpLinkMan"

/* The customers whose name, company name or a number holds what is searched for, each from
 * its own index: (comp_id, name) and (comp_id, cp_phone, cust_id) cover these scans, so no
 * customer's row is read to test it. Numbers are digits: instr() finds them as LIKE '%…%'
 * would, in two thirds of the time. Each takes the company id, then the pattern. */
#define NAME_MATCH \
  "SELECT cust_id FROM customers INDEXED BY customers_name" \
  " WHERE comp_id = ? AND cust_name LIKE ? ESCAPE '\\'"
#define CORP_MATCH \
  "SELECT cust_id FROM customers INDEXED BY customers_corp" \
  " WHERE comp_id = ? AND cust_corp_name LIKE ? ESCAPE '\\'"
#define PHONE_MATCH \
  "SELECT cust_id FROM customer_phones WHERE comp_id = ? AND instr(cp_phone, ?) > 0"

#define SALE_COLUMNS \
  "s.cs_id AS csId, s.cust_id AS cs_custId, s.exte_id AS cs_exteId," \
  " s.cs_extension AS csExtension, COALESCE(a.exte_name, '') AS exteName," \
  " s.cs_phone AS csPhone, s.cs_cust_type AS custType, s.cs_status AS csStatus," \
  " s.cs_amount AS csAmount, s.cs_memo AS csMemo," \
  " sandbox_time(s.create_ms) AS csCreateTime, sandbox_time(s.update_ms) AS csUpdateTime"

/* Every text column saveCustomer writes: parameter → column. */
static const struct
{
  const char *param;
  const char *column;
} customer_fields[] = {
  { "custName", "cust_name" },
  { "custCorpName", "cust_corp_name" },
  { "custStatus", "cust_status" },
  { "custQQ", "cust_qq" },
  { "custAddr", "cust_addr" },
  { "custBirthdayType", "cust_birthday_type" },
  { "custBirthday", "cust_birthday" },
  { "custSource", "cust_source" },
  { "custAge", "cust_age" },
  { "custArea", "cust_area" },
  { "custSex", "cust_sex" },
  { "custMemo", "cust_memo" },
  { "custType", "cust_type" },
  { "custOther1", "cust_other1" },
  { "custOther2", "cust_other2" },
  { "custOther3", "cust_other3" },
};

static const struct
{
  const char *field;
  const char *order;
} sort_fields[] = {
  { "custId", "c.cust_id" },
  { "custName", "c.cust_name" },
  { "custCorpName", "c.cust_corp_name" },
  { "custStatus", "c.cust_status" },
  { "custType", "c.cust_type" },
  { "custSource", "c.cust_source" },
  { "custArea", "c.cust_area" },
  { "custBirthday", "c.cust_birthday" },
  { "custIsLock", "c.cust_is_lock" },
  { "custCreateTime", "c.create_ms" },
  { "custUpdateTime", "c.update_ms" },
  { "custLastCallTime", "c.last_call_ms" },
};

/* ---- helpers ---- */

typedef struct
{
  gint64 cust_id;
  gint64 exte_id;
  int    is_lock;
} CustomerRef;

/* Finds a customer of the caller's company; SANDBOX_ERROR_NOT_FOUND otherwise. */
static gboolean
find_customer (SandboxRequest  *request,
               gint64           cust_id,
               CustomerRef     *out,
               GError         **error)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
                                           "SELECT cust_id, COALESCE(exte_id, 0), cust_is_lock"
                                           " FROM customers WHERE cust_id = ? AND comp_id = ?",
                                           error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cust_id);
  sqlite3_bind_int64 (stmt, 2, request->agent->comp_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      out->cust_id = sqlite3_column_int64 (stmt, 0);
      out->exte_id = sqlite3_column_int64 (stmt, 1);
      out->is_lock = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                 "No customer with custId %" G_GINT64_FORMAT, cust_id);
  return found;
}

static gboolean
check_may_change (SandboxRequest     *request,
                  const CustomerRef  *ref,
                  GError            **error)
{
  if (ref->is_lock && ref->exte_id != 0 && ref->exte_id != request->agent->exte_id &&
      !sandbox_agent_is_admin (request->agent))
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PERMISSION,
                           "This customer is locked by another agent");
      return FALSE;
    }
  return TRUE;
}

static gboolean
param_cust_id (SandboxRequest  *request,
               gint64          *out_id,
               GError         **error)
{
  if (!sandbox_param_int64 (request, "custId", 0, out_id, error))
    return FALSE;
  if (*out_id <= 0)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Missing required parameter: custId");
      return FALSE;
    }
  return TRUE;
}

/* A customer's id for a phone number of the caller's company, or 0. */
static gint64
customer_for_phone (SandboxRequest *request,
                    const char     *phone)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
                                           "SELECT cust_id FROM customer_phones"
                                           " WHERE comp_id = ? AND cp_phone = ?"
                                           " ORDER BY cp_id LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
  return MAX (0, sandbox_db_query_int (request->db, stmt, NULL));
}

static gboolean
add_customer_object (SandboxRequest  *request,
                     JsonBuilder     *builder,
                     gint64           cust_id,
                     GError         **error)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
                                           "SELECT " CUSTOMER_COLUMNS " FROM customers c"
                                           " LEFT JOIN agents a ON a.exte_id = c.exte_id"
                                           " WHERE c.cust_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cust_id);
  json_builder_set_member_name (builder, "customer");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      sandbox_json_add_row_members (builder, stmt);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
add_sales_rows (SandboxRequest  *request,
                JsonBuilder     *builder,
                gint64           cust_id,
                const char      *phone,
                GError         **error)
{
  sqlite3_stmt *stmt = sandbox_db_prepare (request->db,
                                           "SELECT " SALE_COLUMNS " FROM sales s"
                                           " LEFT JOIN agents a ON a.exte_id = s.exte_id"
                                           " WHERE s.comp_id = ?1 AND (s.cust_id = ?2 OR s.cs_phone = ?3)"
                                           " ORDER BY s.create_ms DESC, s.cs_id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int64 (stmt, 2, cust_id);
  sqlite3_bind_text (stmt, 3, phone ? phone : "", -1, SQLITE_TRANSIENT);
  return sandbox_json_add_rows (request->db, builder, "customersales", stmt, error);
}

/* ---- getCustomersPage ---- */

static gboolean
parse_sort (const char  *sortfield,
            GString     *order,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const char *column = NULL;
  gboolean desc = FALSE;

  if (sortfield == NULL || *sortfield == '\0')
    {
      g_string_append (order, "c.cust_id DESC");
      return TRUE;
    }

  {
    g_autofree char *trimmed = g_strstrip (g_strdup (sortfield));
    parts = g_strsplit (trimmed, " ", 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (sort_fields); i++)
    if (parts[0] != NULL && g_strcmp0 (parts[0], sort_fields[i].field) == 0)
      column = sort_fields[i].order;
  if (column != NULL && parts[1] != NULL)
    {
      guint n = 1;
      while (parts[n] != NULL && *parts[n] == '\0')
        n++;
      if (parts[n] != NULL && g_ascii_strcasecmp (parts[n], "desc") == 0)
        desc = TRUE;
      else if (parts[n] != NULL && g_ascii_strcasecmp (parts[n], "asc") != 0)
        column = NULL;
      else if (parts[n] != NULL && parts[n + 1] != NULL)
        column = NULL;
    }
  if (column == NULL)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter sortfield must name a customer field, optionally followed by asc or desc");
      return FALSE;
    }
  g_string_append_printf (order, "%s %s, c.cust_id DESC", column, desc ? "DESC" : "ASC");
  return TRUE;
}

static char *
month_day (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (ms / 1000);
  return g_date_time_format (dt, "%m-%d");
}

static JsonNode *
get_customers_page (SandboxRequest  *request,
                    GError         **error)
{
  g_autoptr(SandboxBinds) binds = sandbox_binds_new ();
  g_autoptr(GString) where = g_string_new ("c.comp_id = ?");
  g_autoptr(GString) order = g_string_new (NULL);
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  g_autoptr(GString) ids = g_string_new ("[");
  const char *find_type = sandbox_param_str (request, "findType");
  const char *value = NULL;
  const char *status = NULL, *type = NULL;
  int is_lock, date_opt, start, limit;
  gint64 from, to, total;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;
  int rc;

  if (!sandbox_param_text (request, "sqlwhere", MAX_TEXT, &value, error) ||
      !sandbox_param_text (request, "custStatus", MAX_TEXT, &status, error) ||
      !sandbox_param_text (request, "custType", MAX_TEXT, &type, error) ||
      !sandbox_param_int (request, "custIsLock", -1, &is_lock, error) ||
      !sandbox_param_int (request, "dateOpt", 0, &date_opt, error) ||
      !sandbox_param_time (request, "startTime", 0, &from, error) ||
      !sandbox_param_time (request, "endTime", 0, &to, error) ||
      !sandbox_param_paging (request, 20, &start, &limit, error) ||
      !parse_sort (sandbox_param (request, "sortfield"), order, error))
    return NULL;

  sandbox_binds_add_int (binds, request->agent->comp_id);

  /* sqlwhere is a search value, never SQL: it is bound, as a LIKE pattern for names, as the
   * text to find for numbers. Each is looked for in its own index (names, company names,
   * numbers), which is narrower than the customers' rows. */
  if (value != NULL && *value != '\0')
    {
      g_autofree char *pattern = sandbox_like_pattern (value);
      gint64 comp_id = request->agent->comp_id;

      if (g_strcmp0 (find_type, "cpPhone") == 0)
        {
          g_string_append (where, " AND c.cust_id IN (" PHONE_MATCH ")");
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, value);
        }
      else if (g_strcmp0 (find_type, "custCorpName") == 0)
        {
          g_string_append (where, " AND c.cust_id IN (" CORP_MATCH ")");
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, pattern);
        }
      else if (g_strcmp0 (find_type, "custName") == 0)
        {
          g_string_append (where, " AND c.cust_id IN (" NAME_MATCH ")");
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, pattern);
        }
      else if (*find_type == '\0')
        {
          g_string_append (where, " AND c.cust_id IN (" NAME_MATCH " UNION " CORP_MATCH
                                  " UNION " PHONE_MATCH ")");
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, pattern);
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, pattern);
          sandbox_binds_add_int (binds, comp_id);
          sandbox_binds_add_text (binds, value);
        }
      else
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "Parameter findType must be cpPhone, custCorpName or custName");
          return NULL;
        }
    }

  if (status != NULL && *status != '\0')
    {
      g_string_append (where, " AND c.cust_status = ?");
      sandbox_binds_add_text (binds, status);
    }
  if (type != NULL && *type != '\0')
    {
      g_string_append (where, " AND c.cust_type = ?");
      sandbox_binds_add_text (binds, type);
    }
  if (is_lock == 0 || is_lock == 1)
    {
      g_string_append (where, " AND c.cust_is_lock = ?");
      sandbox_binds_add_int (binds, is_lock);
    }
  else if (is_lock != -1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter custIsLock must be 0 or 1");
      return NULL;
    }

  switch (date_opt)
    {
    case 0:
      break;
    case 1:
    case 3:
      {
        const char *column = date_opt == 1 ? "c.last_call_ms" : "c.create_ms";
        if (date_opt == 1)
          g_string_append (where, " AND c.last_call_ms > 0");
        if (from > 0)
          {
            g_string_append_printf (where, " AND %s >= ?", column);
            sandbox_binds_add_int (binds, from);
          }
        if (to > 0)
          {
            g_string_append_printf (where, " AND %s <= ?", column);
            sandbox_binds_add_int (binds, to);
          }
      }
      break;
    case 2:
      /* Birthdays recur: compare month and day, wrapping over the new year. */
      g_string_append (where, " AND c.cust_birthday != ''");
      if (from > 0 || to > 0)
        {
          g_autofree char *md_from = month_day (from > 0 ? from : sandbox_now_ms ());
          g_autofree char *md_to = to > 0 ? month_day (to) : g_strdup ("12-31");

          if (strcmp (md_from, md_to) <= 0)
            g_string_append (where, " AND substr(c.cust_birthday, 6, 5) BETWEEN ? AND ?");
          else
            g_string_append (where, " AND (substr(c.cust_birthday, 6, 5) >= ?"
                                    " OR substr(c.cust_birthday, 6, 5) <= ?)");
          sandbox_binds_add_text (binds, md_from);
          sandbox_binds_add_text (binds, md_to);
        }
      break;
    default:
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter dateOpt must be 1, 2 or 3");
      return NULL;
    }

  if (value != NULL && *value != '\0')
    {
      /* A search reads every customer's name (no index finds "%…%"): one pass over them
       * gives both the total and the page's ids, in the page's order; the page then reads
       * only its own rows. */
      g_autofree char *ids_sql = NULL;
      g_autoptr(GString) page_ids = g_string_new ("[");

      ids_sql = g_strdup_printf ("SELECT c.cust_id FROM customers c WHERE %s ORDER BY %s",
                                 where->str, order->str);
      stmt = sandbox_db_prepare (request->db, ids_sql, error);
      if (stmt == NULL)
        return NULL;
      sandbox_binds_apply (binds, stmt);
      total = 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (total >= start && total < (gint64) start + limit)
            g_string_append_printf (page_ids, "%s%" G_GINT64_FORMAT, page_ids->len > 1 ? "," : "",
                                    (gint64) sqlite3_column_int64 (stmt, 0));
          total++;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          sandbox_db_set_error (request->db, error);
          return NULL;
        }
      g_string_append_c (page_ids, ']');
      g_clear_pointer (&binds, sandbox_binds_free);
      binds = sandbox_binds_new ();
      sandbox_binds_add_text (binds, page_ids->str);
      page_sql = g_strdup_printf ("SELECT " CUSTOMER_COLUMNS " FROM customers c"
                                  " LEFT JOIN agents a ON a.exte_id = c.exte_id"
                                  " WHERE c.cust_id IN (SELECT value FROM json_each(?))"
                                  " ORDER BY %s", order->str);
    }
  else
    {
      /* Filters alone: counting walks the filter's index; the page's ids come from the same
       * index (the OFFSET skips index entries, not rows), then only its rows are read. */
      count_sql = g_strdup_printf ("customers c WHERE %s", where->str);
      total = sandbox_binds_count (request->db, binds, count_sql, error);
      if (total < 0)
        return NULL;
      page_sql = g_strdup_printf ("SELECT " CUSTOMER_COLUMNS " FROM customers c"
                                  " LEFT JOIN agents a ON a.exte_id = c.exte_id"
                                  " WHERE c.cust_id IN (SELECT c.cust_id FROM customers c WHERE %s"
                                  " ORDER BY %s LIMIT ? OFFSET ?)"
                                  " ORDER BY %s", where->str, order->str, order->str);
    }

  stmt = sandbox_db_prepare (request->db, page_sql, error);
  if (stmt == NULL)
    return NULL;
  {
    int next = sandbox_binds_apply (binds, stmt);

    if (value == NULL || *value == '\0')
      {
        sqlite3_bind_int (stmt, next, limit);
        sqlite3_bind_int (stmt, next + 1, start);
      }
  }

  builder = sandbox_success_new ();
  json_builder_set_member_name (builder, "recordTotal");
  json_builder_add_int_value (builder, total);

  json_builder_set_member_name (builder, "rows_customer");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      sandbox_json_add_row_members (builder, stmt);
      json_builder_end_object (builder);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "",
                              (gint64) sqlite3_column_int64 (stmt, 0));
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sandbox_db_set_error (request->db, error);
      g_object_unref (builder);
      return NULL;
    }
  g_string_append_c (ids, ']');

  stmt = sandbox_db_prepare (request->db,
                             "SELECT " PHONE_COLUMNS " FROM customer_phones p"
                             " WHERE p.cust_id IN (SELECT value FROM json_each(?))"
                             " ORDER BY p.cust_id, p.cp_order, p.cp_id", error);
  if (stmt == NULL)
    {
      g_object_unref (builder);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, ids->str, -1, SQLITE_TRANSIENT);
  if (!sandbox_json_add_rows (request->db, builder, "rows_customerphone", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* ---- getcustomer ---- */

/* An unknown number is not an error: the answer is code 0 with "customer": null and empty
 * lists, so a pop-up for a new caller needs no error path. */
static JsonNode *
get_customer (SandboxRequest  *request,
              GError         **error)
{
  g_autofree char *phone = NULL;
  JsonBuilder *builder;
  gint64 cust_id = 0;
  sqlite3_stmt *stmt;

  if (!sandbox_param_int64 (request, "custId", 0, &cust_id, error))
    return NULL;
  if (cust_id <= 0)
    {
      phone = sandbox_normalize_phone (sandbox_param (request, "phoneNum"), "phoneNum", error);
      if (phone == NULL)
        return NULL;
      cust_id = customer_for_phone (request, phone);
    }
  else
    {
      CustomerRef ref;
      if (!find_customer (request, cust_id, &ref, error))
        return NULL;
    }

  builder = sandbox_success_new ();
  if (!add_customer_object (request, builder, cust_id, error))
    goto fail;

  stmt = sandbox_db_prepare (request->db,
                             "SELECT " PHONE_COLUMNS " FROM customer_phones p WHERE p.cust_id = ?"
                             " ORDER BY p.cp_order, p.cp_id", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, cust_id);
  if (!sandbox_json_add_rows (request->db, builder, "customerphone", stmt, error))
    goto fail;
  if (!add_sales_rows (request, builder, cust_id, cust_id > 0 ? NULL : phone, error))
    goto fail;

  /* work orders are not part of the sandbox */
  json_builder_set_member_name (builder, "worktype");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  return sandbox_builder_finish (builder);

fail:
  g_object_unref (builder);
  return NULL;
}

/* ---- getTableFields, getCodes ---- */

static JsonNode *
get_table_fields (SandboxRequest  *request,
                  GError         **error)
{
  JsonBuilder *builder;
  sqlite3_stmt *stmt;
  int system;

  if (!sandbox_param_int (request, "chinesename", 0, &system, error))
    return NULL;

  stmt = sandbox_db_prepare (request->db,
                             "SELECT tf_id AS tfId, tf_field AS fieldName,"
                             " CASE WHEN ?2 = 1 THEN tf_system_name ELSE tf_name END AS chineseName,"
                             " tf_name AS compName, tf_system_name AS systemName,"
                             " tf_show AS isShow, tf_order AS sort, tf_code_type AS codeType"
                             " FROM table_fields WHERE comp_id = ?1 ORDER BY tf_order, tf_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_int (stmt, 2, system == 1);

  builder = sandbox_success_new ();
  if (!sandbox_json_add_rows (request->db, builder, "rows", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

static JsonNode *
get_codes (SandboxRequest  *request,
           GError         **error)
{
  const char *type = NULL;
  JsonBuilder *builder;
  sqlite3_stmt *stmt;

  if (!sandbox_param_text (request, "codeType", 256, &type, error))
    return NULL;

  stmt = sandbox_db_prepare (request->db,
                             "SELECT code_id AS codeId, code_type AS codeType,"
                             " code_value AS codeValue, code_text AS codeText"
                             " FROM codes WHERE comp_id = ?1 AND (?2 = '' OR code_type = ?2)"
                             " ORDER BY code_type, code_order, code_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
  sqlite3_bind_text (stmt, 2, type ? type : "", -1, SQLITE_TRANSIENT);

  builder = sandbox_success_new ();
  if (!sandbox_json_add_rows (request->db, builder, "ROWS", stmt, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

/* ---- saveCustomer / savecustomer ---- */

typedef struct
{
  char       *phone;
  const char *type;
  const char *link_man;
} PhoneEntry;

static void
phone_entry_clear (gpointer data)
{
  g_free (((PhoneEntry *) data)->phone);
}

/* cpPhone[i]/cpType[i]/cpLinkMan[i] for i < recordCount_voip_customer_phone (or up to the
 * last index present). Empty numbers are skipped. */
static GArray *
collect_phones (SandboxRequest  *request,
                gboolean        *out_indexed,
                GError         **error)
{
  g_autoptr(GArray) phones = g_array_new (FALSE, TRUE, sizeof (PhoneEntry));
  int count = -1;

  g_array_set_clear_func (phones, phone_entry_clear);
  if (!sandbox_param_int (request, "recordCount_voip_customer_phone", -1, &count, error))
    return NULL;
  if (count > MAX_PHONES)
    {
      g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_OVER_MAXIMUM,
                   "A customer has at most %d phone numbers", MAX_PHONES);
      return NULL;
    }
  if (count < 0)
    {
      count = 0;
      for (int i = 0; i < MAX_PHONES; i++)
        {
          g_autofree char *name = g_strdup_printf ("cpPhone[%d]", i);
          if (sandbox_param (request, name) != NULL)
            count = i + 1;
        }
    }

  *out_indexed = count > 0;
  for (int i = 0; i < count; i++)
    {
      g_autofree char *phone_name = g_strdup_printf ("cpPhone[%d]", i);
      g_autofree char *type_name = g_strdup_printf ("cpType[%d]", i);
      g_autofree char *link_name = g_strdup_printf ("cpLinkMan[%d]", i);
      const char *raw = sandbox_param (request, phone_name);
      PhoneEntry entry = { NULL, NULL, NULL };

      if (raw == NULL || *raw == '\0')
        continue;
      entry.phone = sandbox_normalize_phone (raw, phone_name, error);
      if (entry.phone == NULL ||
          !sandbox_param_text (request, type_name, 256, &entry.type, error) ||
          !sandbox_param_text (request, link_name, 1024, &entry.link_man, error))
        {
          g_free (entry.phone);
          return NULL;
        }
      if (entry.type == NULL || *entry.type == '\0')
        entry.type = phones->len == 0 ? "常用电话" : "手机";
      g_array_append_val (phones, entry);
    }
  return g_steal_pointer (&phones);
}

static JsonNode *
save_customer (SandboxRequest  *request,
               GError         **error)
{
  const char *values[G_N_ELEMENTS (customer_fields)];
  g_autoptr(GArray) phones = NULL;
  g_autofree char *single_phone = NULL;
  g_autoptr(GString) sql = NULL;
  gboolean indexed = FALSE;
  gboolean is_new;
  gint64 cust_id = 0;
  gint64 now = sandbox_now_ms ();
  sqlite3_stmt *stmt;
  JsonBuilder *builder;

  if (!sandbox_param_int64 (request, "custId", 0, &cust_id, error))
    return NULL;
  is_new = cust_id <= 0;

  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    if (!sandbox_param_text (request, customer_fields[i].param, MAX_TEXT, &values[i], error))
      return NULL;

  /* the document's formats */
  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    {
      gint64 ms;
      if (values[i] == NULL || *values[i] == '\0')
        continue;
      if (g_str_equal (customer_fields[i].param, "custBirthday") &&
          (strlen (values[i]) != 10 || !sandbox_parse_time (values[i], &ms)))
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "Parameter custBirthday must be a date like 1985-06-01");
          return NULL;
        }
      if (g_str_equal (customer_fields[i].param, "custBirthdayType") &&
          !g_str_equal (values[i], "0") && !g_str_equal (values[i], "1") &&
          !g_str_equal (values[i], "2"))
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "Parameter custBirthdayType must be 0, 1 or 2");
          return NULL;
        }
    }

  phones = collect_phones (request, &indexed, error);
  if (phones == NULL)
    return NULL;
  if (!indexed)
    {
      const char *raw = sandbox_param (request, "cpPhone");
      if (raw != NULL && *raw != '\0')
        {
          single_phone = sandbox_normalize_phone (raw, "cpPhone", error);
          if (single_phone == NULL)
            return NULL;
        }
    }

  if (!is_new)
    {
      CustomerRef ref;
      if (!find_customer (request, cust_id, &ref, error) ||
          !check_may_change (request, &ref, error))
        return NULL;
    }

  if (!sandbox_db_begin (request->db, error))
    return NULL;

  if (is_new)
    {
      sql = g_string_new ("INSERT INTO customers (comp_id, exte_id, create_ms, update_ms");
      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        g_string_append_printf (sql, ", %s", customer_fields[i].column);
      g_string_append (sql, ") VALUES (?, ?, ?, ?");
      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        g_string_append (sql, ", COALESCE(?, '')");
      g_string_append (sql, ")");
      stmt = sandbox_db_prepare (request->db, sql->str, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
      sqlite3_bind_int64 (stmt, 2, request->agent->exte_id);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, now);
      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        if (values[i] != NULL)
          sqlite3_bind_text (stmt, 5 + i, values[i], -1, SQLITE_TRANSIENT);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
      cust_id = sqlite3_last_insert_rowid (sandbox_db_get_handle (request->db));
    }
  else
    {
      /* only the fields that were sent change */
      sql = g_string_new ("UPDATE customers SET update_ms = ?");
      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        g_string_append_printf (sql, ", %s = COALESCE(?, %s)", customer_fields[i].column,
                                customer_fields[i].column);
      g_string_append (sql, " WHERE cust_id = ?");
      stmt = sandbox_db_prepare (request->db, sql->str, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, now);
      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        if (values[i] != NULL)
          sqlite3_bind_text (stmt, 2 + i, values[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2 + G_N_ELEMENTS (customer_fields), cust_id);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
    }

  if (indexed)
    {
      /* the indexed list is the customer's whole list */
      stmt = sandbox_db_prepare (request->db, "DELETE FROM customer_phones WHERE cust_id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cust_id);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
    }
  else if (single_phone != NULL && !is_new)
    {
      stmt = sandbox_db_prepare (request->db, "SELECT COUNT(*) FROM customer_phones"
                                              " WHERE cust_id = ? AND cp_phone = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, cust_id);
      sqlite3_bind_text (stmt, 2, single_phone, -1, SQLITE_TRANSIENT);
      if (sandbox_db_query_int (request->db, stmt, NULL) > 0)
        g_clear_pointer (&single_phone, g_free);
    }
  if (single_phone != NULL)
    {
      const char *link_man = values[0];
      PhoneEntry entry = { g_steal_pointer (&single_phone), "常用电话", link_man };
      g_array_append_val (phones, entry);
    }

  stmt = sandbox_db_prepare (request->db,
                             "INSERT INTO customer_phones (cust_id, comp_id, cp_phone, cp_type,"
                             " cp_link_man, cp_order) VALUES (?1, ?2, ?3, ?4, ?5,"
                             " ?6 + COALESCE((SELECT MAX(cp_order) + 1 FROM customer_phones"
                             "                WHERE cust_id = ?1), 0))", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < phones->len; i++)
    {
      const PhoneEntry *entry = &g_array_index (phones, PhoneEntry, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, cust_id);
      sqlite3_bind_int64 (stmt, 2, request->agent->comp_id);
      sqlite3_bind_text (stmt, 3, entry->phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, entry->type ? entry->type : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, entry->link_man ? entry->link_man : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, 0);
      if (!sandbox_db_step_done (request->db, stmt, error))
        goto fail;
    }

  if (!sandbox_db_commit (request->db, error))
    goto fail;

  builder = sandbox_success_new ();
  json_builder_set_member_name (builder, "custId");
  json_builder_add_int_value (builder, cust_id);
  return sandbox_builder_finish (builder);

fail:
  sandbox_db_rollback (request->db);
  return NULL;
}

static JsonNode *
del_customer (SandboxRequest  *request,
              GError         **error)
{
  CustomerRef ref;
  sqlite3_stmt *stmt;
  gint64 cust_id;

  if (!param_cust_id (request, &cust_id, error) ||
      !find_customer (request, cust_id, &ref, error) ||
      !check_may_change (request, &ref, error))
    return NULL;

  stmt = sandbox_db_prepare (request->db, "DELETE FROM customers WHERE cust_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cust_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return NULL;
  return sandbox_builder_finish (sandbox_success_new ());
}

static JsonNode *
set_customer_lock (SandboxRequest  *request,
                   GError         **error)
{
  CustomerRef ref;
  sqlite3_stmt *stmt;
  gint64 cust_id;
  int lock;

  if (!param_cust_id (request, &cust_id, error) ||
      !sandbox_param_int (request, "custIsLock", -1, &lock, error))
    return NULL;
  if (lock != 0 && lock != 1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter custIsLock must be 0 or 1");
      return NULL;
    }
  if (!find_customer (request, cust_id, &ref, error) ||
      !check_may_change (request, &ref, error))
    return NULL;

  /* locking makes the caller the owner */
  stmt = sandbox_db_prepare (request->db,
                             "UPDATE customers SET cust_is_lock = ?, update_ms = ?,"
                             " exte_id = CASE WHEN ? = 1 THEN ? ELSE exte_id END WHERE cust_id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, lock);
  sqlite3_bind_int64 (stmt, 2, sandbox_now_ms ());
  sqlite3_bind_int (stmt, 3, lock);
  sqlite3_bind_int64 (stmt, 4, request->agent->exte_id);
  sqlite3_bind_int64 (stmt, 5, cust_id);
  if (!sandbox_db_step_done (request->db, stmt, error))
    return NULL;
  return sandbox_builder_finish (sandbox_success_new ());
}

/* ---- sales ---- */

static JsonNode *
get_customer_sales (SandboxRequest  *request,
                    GError         **error)
{
  g_autofree char *phone = NULL;
  JsonBuilder *builder;
  gint64 cust_id;

  phone = sandbox_normalize_phone (sandbox_param (request, "phoneNum"), "phoneNum", error);
  if (phone == NULL)
    return NULL;
  cust_id = customer_for_phone (request, phone);

  builder = sandbox_success_new ();
  if (!add_sales_rows (request, builder, cust_id, phone, error))
    {
      g_object_unref (builder);
      return NULL;
    }
  return sandbox_builder_finish (builder);
}

static JsonNode *
set_customer_sales (SandboxRequest  *request,
                    GError         **error)
{
  g_autofree char *phone = NULL;
  g_autoptr(SandboxAgent) seller = NULL;
  const char *extension = sandbox_param_str (request, "extension");
  const char *cust_type = NULL;
  sqlite3_stmt *stmt;
  JsonBuilder *builder;
  gint64 cs_id, cust_id;
  int status;

  if (!sandbox_param_int64 (request, "csId", 0, &cs_id, error) ||
      !sandbox_param_int64 (request, "custId", 0, &cust_id, error) ||
      !sandbox_param_int (request, "status", -1, &status, error) ||
      !sandbox_param_text (request, "custType", 256, &cust_type, error))
    return NULL;
  if (status != 0 && status != 1)
    {
      g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                           "Parameter status must be 0 or 1");
      return NULL;
    }
  if (sandbox_param (request, "phone") != NULL && *sandbox_param (request, "phone") != '\0')
    {
      phone = sandbox_normalize_phone (sandbox_param (request, "phone"), "phone", error);
      if (phone == NULL)
        return NULL;
    }

  /* the seller: extension may be the 9-digit account or the 3-digit extension */
  if (*extension != '\0')
    {
      g_autofree char *account = strlen (extension) <= 4
                                   ? g_strconcat (request->agent->comp_number, extension, NULL)
                                   : g_strdup (extension);
      seller = sandbox_db_lookup_agent (request->db, account);
      if (seller == NULL || seller->comp_id != request->agent->comp_id)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND, "No agent %s", extension);
          return NULL;
        }
    }

  if (cust_id > 0)
    {
      CustomerRef ref;
      if (!find_customer (request, cust_id, &ref, error))
        return NULL;
    }
  else if (phone != NULL)
    cust_id = customer_for_phone (request, phone);

  if (cs_id > 0)
    {
      stmt = sandbox_db_prepare (request->db,
                                 "UPDATE sales SET cs_status = ?1, update_ms = ?2,"
                                 " cs_cust_type = COALESCE(?3, cs_cust_type),"
                                 " cs_phone = COALESCE(?4, cs_phone),"
                                 " cust_id = COALESCE(NULLIF(?5, 0), cust_id),"
                                 " exte_id = COALESCE(NULLIF(?6, 0), exte_id),"
                                 " cs_extension = COALESCE(?7, cs_extension)"
                                 " WHERE cs_id = ?8 AND comp_id = ?9", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int (stmt, 1, status);
      sqlite3_bind_int64 (stmt, 2, sandbox_now_ms ());
      if (cust_type != NULL)
        sqlite3_bind_text (stmt, 3, cust_type, -1, SQLITE_TRANSIENT);
      if (phone != NULL)
        sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, cust_id);
      sqlite3_bind_int64 (stmt, 6, seller ? seller->exte_id : 0);
      if (seller != NULL)
        sqlite3_bind_text (stmt, 7, seller->account, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, cs_id);
      sqlite3_bind_int64 (stmt, 9, request->agent->comp_id);
      if (!sandbox_db_step_done (request->db, stmt, error))
        return NULL;
      if (sqlite3_changes (sandbox_db_get_handle (request->db)) == 0)
        {
          g_set_error (error, SANDBOX_ERROR, SANDBOX_ERROR_NOT_FOUND,
                       "No sale with csId %" G_GINT64_FORMAT, cs_id);
          return NULL;
        }
    }
  else
    {
      gint64 now = sandbox_now_ms ();

      if (cust_id <= 0 && phone == NULL)
        {
          g_set_error_literal (error, SANDBOX_ERROR, SANDBOX_ERROR_PARAMETER,
                               "Missing required parameter: custId or phone");
          return NULL;
        }
      stmt = sandbox_db_prepare (request->db,
                                 "INSERT INTO sales (comp_id, cust_id, exte_id, cs_extension,"
                                 " cs_phone, cs_cust_type, cs_status, create_ms, update_ms)"
                                 " VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5,"
                                 " COALESCE(?6, (SELECT cust_type FROM customers WHERE cust_id = ?2), ''),"
                                 " ?7, ?8, ?8)", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, request->agent->comp_id);
      sqlite3_bind_int64 (stmt, 2, cust_id);
      sqlite3_bind_int64 (stmt, 3, seller ? seller->exte_id : request->agent->exte_id);
      sqlite3_bind_text (stmt, 4, seller ? seller->account : request->agent->account, -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, phone ? phone : "", -1, SQLITE_TRANSIENT);
      if (cust_type != NULL)
        sqlite3_bind_text (stmt, 6, cust_type, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, status);
      sqlite3_bind_int64 (stmt, 8, now);
      if (!sandbox_db_step_done (request->db, stmt, error))
        return NULL;
      cs_id = sqlite3_last_insert_rowid (sandbox_db_get_handle (request->db));
    }

  builder = sandbox_success_new ();
  json_builder_set_member_name (builder, "csId");
  json_builder_add_int_value (builder, cs_id);
  return sandbox_builder_finish (builder);
}

const SandboxMethod sandbox_methods_data_customers[] = {
  { "getCustomersPage", get_customers_page, FALSE, NULL },
  { "getcustomer", get_customer, FALSE, NULL },
  { "getTableFields", get_table_fields, FALSE, NULL },
  { "saveCustomer", save_customer, FALSE, NULL },
  { "savecustomer", save_customer, FALSE, NULL },
  { "delcustomer", del_customer, FALSE, NULL },
  { "getCodes", get_codes, FALSE, NULL },
  { "setCustomerLock", set_customer_lock, FALSE, NULL },
  { "getCustomerSales", get_customer_sales, FALSE, NULL },
  { "setCustomerSales", set_customer_sales, FALSE, NULL },
  { NULL }
};
