/* bbh-phone-audit-query.c
 *
 * getPhoneAudit pages by `page` (from 1) and `rows`, unlike the start/limit of the other
 * lists; `status` is a comma-separated list of wsStatus values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-phone-audit-query"

#include "config.h"

#include "bbh-records-private.h"

#define DEFAULT_ROWS 20

struct _BbhPhoneAuditQuery
{
  gint64     id;
  GDateTime *start;
  GDateTime *end;
  GArray    *statuses;        /* of int; NULL for any */
  int        sip_show_phone;  /* -1: not sent */
  guint      page;
  guint      rows;
  char      *login_id;
};

G_DEFINE_BOXED_TYPE (BbhPhoneAuditQuery, bbh_phone_audit_query,
                     bbh_phone_audit_query_copy, bbh_phone_audit_query_free)

/**
 * bbh_phone_audit_query_new:
 *
 * Returns: (transfer full): a query for every call, first page of 20.
 */
BbhPhoneAuditQuery *
bbh_phone_audit_query_new (void)
{
  BbhPhoneAuditQuery *query = g_new0 (BbhPhoneAuditQuery, 1);

  query->sip_show_phone = -1;
  query->page = 1;
  query->rows = DEFAULT_ROWS;
  return query;
}

BbhPhoneAuditQuery *
bbh_phone_audit_query_copy (const BbhPhoneAuditQuery *query)
{
  BbhPhoneAuditQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  if (query->start != NULL)
    copy->start = g_date_time_ref (query->start);
  if (query->end != NULL)
    copy->end = g_date_time_ref (query->end);
  if (query->statuses != NULL)
    {
      copy->statuses = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_vals (copy->statuses, query->statuses->data, query->statuses->len);
    }
  copy->login_id = g_strdup (query->login_id);
  return copy;
}

void
bbh_phone_audit_query_free (BbhPhoneAuditQuery *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->start, g_date_time_unref);
  g_clear_pointer (&query->end, g_date_time_unref);
  g_clear_pointer (&query->statuses, g_array_unref);
  g_free (query->login_id);
  g_free (query);
}

/* One call, by the id phoneAudit returned; 0 for any. */
void
bbh_phone_audit_query_set_id (BbhPhoneAuditQuery *query,
                              gint64              id)
{
  g_return_if_fail (query != NULL);
  query->id = MAX (id, 0);
}

/**
 * bbh_phone_audit_query_set_time_range:
 * @start: (nullable): earliest
 * @end: (nullable): latest
 */
void
bbh_phone_audit_query_set_time_range (BbhPhoneAuditQuery *query,
                                      GDateTime          *start,
                                      GDateTime          *end)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->start, g_date_time_unref);
  g_clear_pointer (&query->end, g_date_time_unref);
  if (start != NULL)
    query->start = g_date_time_ref (start);
  if (end != NULL)
    query->end = g_date_time_ref (end);
}

/**
 * bbh_phone_audit_query_set_statuses:
 * @statuses: (array length=n_statuses) (nullable): the statuses to include
 * @n_statuses: how many; 0 for any status
 *
 * Unknown values are skipped.
 */
void
bbh_phone_audit_query_set_statuses (BbhPhoneAuditQuery      *query,
                                    const BbhCallbackStatus *statuses,
                                    guint                    n_statuses)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (statuses != NULL || n_statuses == 0);

  g_clear_pointer (&query->statuses, g_array_unref);
  for (guint i = 0; i < n_statuses; i++)
    {
      int value = statuses[i];

      if (bbh_callback_status_from_int (value) == BBH_CALLBACK_STATUS_UNKNOWN)
        continue;
      if (query->statuses == NULL)
        query->statuses = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (query->statuses, value);
    }
}

/* sipShowPhone: whether each trunk uses its own caller id (1) or not (0). */
void
bbh_phone_audit_query_set_sip_show_phone (BbhPhoneAuditQuery *query,
                                          gboolean            matched)
{
  g_return_if_fail (query != NULL);
  query->sip_show_phone = matched ? 1 : 0;
}

/* @page from 1; @rows 0 for 20. */
void
bbh_phone_audit_query_set_page (BbhPhoneAuditQuery *query,
                                guint               page,
                                guint               rows)
{
  g_return_if_fail (query != NULL);
  query->page = MAX (page, 1);
  query->rows = rows > 0 ? rows : DEFAULT_ROWS;
}

/* loginId: only this account's calls; %NULL for all. */
void
bbh_phone_audit_query_set_login_id (BbhPhoneAuditQuery *query,
                                    const char         *login_id)
{
  g_return_if_fail (query != NULL);

  g_free (query->login_id);
  query->login_id = (login_id != NULL && *login_id != '\0') ? g_strdup (login_id) : NULL;
}

void
bbh_phone_audit_query_to_params (const BbhPhoneAuditQuery *query,
                                 BbhParams                *params)
{
  g_autofree char *start = bbh_records_format_time (query->start);
  g_autofree char *end = bbh_records_format_time (query->end);

  if (query->id > 0)
    bbh_params_add_int (params, "id", query->id);
  bbh_params_add (params, "startTime", start);
  bbh_params_add (params, "endTime", end);
  if (query->statuses != NULL)
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < query->statuses->len; i++)
        g_string_append_printf (s, "%s%d", i > 0 ? "," : "", g_array_index (query->statuses, int, i));
      bbh_params_add (params, "status", s->str);
      g_string_free (s, TRUE);
    }
  bbh_params_add_opt_int (params, "sipShowPhone", query->sip_show_phone);
  bbh_params_add_int (params, "page", query->page);
  bbh_params_add_int (params, "rows", query->rows);
  bbh_params_add (params, "loginId", query->login_id);
}
