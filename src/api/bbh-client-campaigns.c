/* bbh-client-campaigns.c — administration: outbound campaigns
 *
 * Sections 2.10.1–2.10.3 of the document: the call flows (findCallFlow), their sound
 * files, new tasks of numbers to call (addTask) and a task's numbers (findTaskMx). The
 * declarations are in bbh-client-admin.h with the rest of the administration; the agents,
 * blacklist and channels are in bbh-client-admin.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-client-admin"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-client-admin.h"
#include "bbh-admin-private.h"
#include "bbh-call-flow-private.h"
#include "bbh-task-count-private.h"
#include "bbh-task-detail-private.h"
#include "bbh-task-request-private.h"

/* 2.10.1 findCallFlow — rows under `callflow` (the document), `callFlow`, `rows`, `data`
 * or `list`. */

static gpointer
parse_call_flows (JsonObject  *root,
                  GError     **error)
{
  g_autoptr(BbhList) list = bbh_list_new (BBH_TYPE_CALL_FLOW);

  bbh_admin_list_append_rows (list, root, bbh_call_flow_new_from_json,
                              "callflow", "callFlow", "rows", "data", "list", NULL);
  list->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (list->items)));
  return g_steal_pointer (&list);
}

/**
 * bbh_client_find_call_flow_async:
 * @task_id: the document's `ctdId`, "the task"; 0 for every flow
 */
void
bbh_client_find_call_flow_async (BbhClient           *self,
                                 gint64               task_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  params = bbh_params_new ();
  if (task_id > 0)
    bbh_params_add_int (params, "ctdId", task_id);
  bbh_client_call_async (self, "findCallFlow", params, BBH_CALL_DEFAULT,
                         parse_call_flows, (GDestroyNotify) bbh_list_free,
                         bbh_client_find_call_flow_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_find_call_flow_finish:
 * @out_total: (out) (optional): the server's total, or the number of flows
 *
 * Returns: (transfer full): a #GListModel of #BbhCallFlow.
 */
GListModel *
bbh_client_find_call_flow_finish (BbhClient     *self,
                                  GAsyncResult  *result,
                                  guint64       *out_total,
                                  GError       **error)
{
  return bbh_client_call_finish_list (self, result, bbh_client_find_call_flow_async,
                                      out_total, error);
}

/**
 * bbh_client_dup_sound_url:
 * @path: (nullable): a path relative to the server's sound directory, such as
 *   `100355/366304549136128.wav`
 *
 * Returns: (transfer full) (nullable): the file's URL, or %NULL when @path is empty.
 */
char *
bbh_client_dup_sound_url (BbhClient  *self,
                          const char *path)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);

  if (path == NULL)
    return NULL;
  while (*path == '/')
    path++;
  if (*path == '\0')
    return NULL;

  escaped = g_uri_escape_string (path, "/", FALSE);
  return g_strconcat (bbh_client_get_base_url (self), "/voip/sound/", escaped, NULL);
}

/* 2.10.2 addTask — POST: the numbers make the request long. */

static gpointer
parse_task_id (JsonObject  *root,
               GError     **error)
{
  gint64 *id = g_new0 (gint64, 1);

  /* "id (only when created)"; some servers answer `ctkId`, or the id under `data`. */
  *id = bbh_json_get_int64_any (root, 0, "id", "ctkId", "taskId", "data", NULL);
  if (*id == 0)
    *id = bbh_json_get_int64_any (bbh_json_get_object (root, "data"), 0,
                                  "id", "ctkId", "taskId", NULL);
  return id;
}

/**
 * bbh_client_add_task_async:
 * @task: the task; it is checked before anything is sent
 */
void
bbh_client_add_task_async (BbhClient           *self,
                           BbhTaskRequest      *task,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (BBH_IS_TASK_REQUEST (task));

  if (!bbh_task_request_validate (task, &error))
    {
      bbh_client_report_error (self, bbh_client_add_task_async, callback, user_data,
                               g_steal_pointer (&error));
      return;
    }

  params = bbh_params_new ();
  bbh_task_request_append_params (task, params);
  bbh_client_call_async (self, "addTask", params, BBH_CALL_POST,
                         parse_task_id, g_free, bbh_client_add_task_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_add_task_finish:
 * @out_task_id: (out) (optional): the new task's id, 0 when the server did not say
 */
gboolean
bbh_client_add_task_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            gint64        *out_task_id,
                            GError       **error)
{
  g_autofree gint64 *id = bbh_client_call_finish (self, result, bbh_client_add_task_async, error);

  if (id == NULL)
    return FALSE;
  if (out_task_id != NULL)
    *out_task_id = *id;
  return TRUE;
}

/* 2.10.3 findTaskMx
 *
 * The rows are `data` in the document's example and `datalist` in its table; the total is
 * `count`; `groupData` counts the numbers per task and state. */

typedef struct
{
  BbhList    *details;
  GListStore *groups;
} TaskPage;

static void
task_page_free (gpointer data)
{
  TaskPage *page = data;

  bbh_list_free (page->details);
  g_clear_object (&page->groups);
  g_free (page);
}

static gpointer
parse_task_page (JsonObject  *root,
                 GError     **error)
{
  TaskPage *page = g_new0 (TaskPage, 1);
  g_autoptr(BbhList) groups = bbh_list_new (BBH_TYPE_TASK_COUNT);

  page->details = bbh_list_new (BBH_TYPE_TASK_DETAIL);
  bbh_admin_list_append_rows (page->details, root, bbh_task_detail_new_from_json,
                              "data", "datalist", "dataList", "rows", NULL);
  page->details->total = bbh_json_get_total (root, g_list_model_get_n_items (G_LIST_MODEL (page->details->items)));

  bbh_admin_list_append_rows (groups, root, bbh_task_count_new_from_json,
                              "groupData", "groupdata", NULL);
  page->groups = G_LIST_STORE (bbh_list_steal (g_steal_pointer (&groups), NULL));
  return page;
}

/**
 * bbh_client_find_task_mx_async:
 * @flow_id: `cflId`, the call flow (bbh_call_flow_get_id()); required
 * @filter: `type`: every number, the ones not called yet, or the ones done
 * @task_id: `ctkId`, one task (addTask's id); 0 for all
 * @task_name: (nullable): `ctkName`, part of a task's name
 * @start_time: (nullable): `startTime`, the earliest creation time
 * @end_time: (nullable): `endTime`, the latest creation time
 * @start: `start`, the first row of the page
 * @limit: `limit`, the rows per page (the document's default is 25)
 */
void
bbh_client_find_task_mx_async (BbhClient           *self,
                               gint64               flow_id,
                               BbhTaskFilter        filter,
                               gint64               task_id,
                               const char          *task_name,
                               GDateTime           *start_time,
                               GDateTime           *end_time,
                               guint                start,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;
  BbhParams *params;

  g_return_if_fail (BBH_IS_CLIENT (self));

  if (flow_id <= 0)
    error = g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                 _("Choose a call flow first: its tasks are listed by flow."));
  else if (filter != BBH_TASK_FILTER_ALL && filter != BBH_TASK_FILTER_NOT_STARTED
           && filter != BBH_TASK_FILTER_DONE)
    error = g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                 _("Show all numbers, the ones not called yet, or the ones done."));
  else if (limit == 0)
    error = g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                 _("A page must hold at least one row."));
  else if (start_time != NULL && end_time != NULL
           && g_date_time_compare (start_time, end_time) > 0)
    error = g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                 _("The start of the period is after its end. Swap the two dates."));
  if (error != NULL)
    {
      bbh_client_report_error (self, bbh_client_find_task_mx_async, callback, user_data, error);
      return;
    }

  params = bbh_params_new ();
  bbh_params_add_int (params, "cflId", flow_id);
  bbh_params_add_int (params, "type", filter);
  if (task_id > 0)
    bbh_params_add_int (params, "ctkId", task_id);
  if (task_name != NULL && *task_name != '\0')
    bbh_params_add (params, "ctkName", task_name);
  if (start_time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (start_time, bbh_local_time_zone ());
      g_autofree char *text = bbh_admin_format_time (local);

      bbh_params_add (params, "startTime", text);
    }
  if (end_time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (end_time, bbh_local_time_zone ());
      g_autofree char *text = bbh_admin_format_time (local);

      bbh_params_add (params, "endTime", text);
    }
  bbh_params_add_int (params, "start", start);
  bbh_params_add_int (params, "limit", limit);

  bbh_client_call_async (self, "findTaskMx", params, BBH_CALL_DEFAULT,
                         parse_task_page, task_page_free, bbh_client_find_task_mx_async,
                         cancellable, callback, user_data);
}

/**
 * bbh_client_find_task_mx_finish:
 * @out_total: (out) (optional): `count`, the rows of the whole query
 * @out_groups: (out) (optional) (transfer full): a #GListModel of #BbhTaskCount, the
 *   numbers per task and state
 *
 * Returns: (transfer full): a #GListModel of #BbhTaskDetail, one page.
 */
GListModel *
bbh_client_find_task_mx_finish (BbhClient     *self,
                                GAsyncResult  *result,
                                guint64       *out_total,
                                GListModel   **out_groups,
                                GError       **error)
{
  TaskPage *page = bbh_client_call_finish (self, result, bbh_client_find_task_mx_async, error);
  GListModel *details;

  if (out_groups != NULL)
    *out_groups = NULL;
  if (page == NULL)
    return NULL;

  details = bbh_list_steal (g_steal_pointer (&page->details), out_total);
  if (out_groups != NULL)
    *out_groups = G_LIST_MODEL (g_steal_pointer (&page->groups));
  task_page_free (page);
  return details;
}
