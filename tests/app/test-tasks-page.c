/* test-tasks-page.c — the outbound tasks page against a real babaihu-sandbox
 *
 * Showing the page only reads (no getTaskDetailPhone); "Call Next" walks a task number by
 * number, each one different, and the result of a call reaches the sandbox as addCdrRecord
 * with the number's dialCtdId.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "agent-paged-model.h"
#include "agent-tasks-page.h"
#include "test-day-util.h"

static guint
server_tasks (DayFixture *f)
{
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  DayWait wait = { 0 };
  guint n = 0;

  bbh_client_find_call_flow_async (f->client, 0, NULL, day_on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
  flows = bbh_client_find_call_flow_finish (f->client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(BbhCallFlow) flow = g_list_model_get_item (flows, i);

      if (bbh_call_flow_get_task_name (flow) != NULL && *bbh_call_flow_get_task_name (flow) != '\0')
        n++;
    }
  return n;
}

/* What findTaskMx says of a task: its numbers, and how many are done (status 3 and up). */
static guint64
server_numbers (DayFixture  *f,
                BbhCallFlow *flow,
                guint64     *out_done)
{
  g_autoptr(GListModel) details = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  DayWait wait = { 0 };
  guint64 total = 0;

  bbh_client_find_task_mx_async (f->client, bbh_call_flow_get_id (flow), BBH_TASK_FILTER_ALL, 0,
                                 bbh_call_flow_get_task_name (flow), NULL, NULL, 0, 1, NULL,
                                 day_on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
  details = bbh_client_find_task_mx_finish (f->client, wait.result, &total, &groups, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  *out_done = 0;
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BbhTaskCount) count = g_list_model_get_item (groups, i);

      if (bbh_task_count_get_status (count) >= 3)
        *out_done += bbh_task_count_get_count (count);
    }
  return total;
}

static GtkLabel *
progress_label (AgentTasksPage *page,
                guint           index)
{
  GtkListBox *list = test_template_child (page, AGENT_TYPE_TASKS_PAGE, "tasks_list");
  GtkWidget *box = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, (int) index));

  return GTK_LABEL (gtk_widget_get_last_child (box));
}

/* ---- showing the page ---- */

static void
show_body (AgentApplication *app,
           gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(BbhCallFlow) first = NULL;
  g_autofree char *expected = NULL;
  guint64 total, done = 0;
  AgentTasksPage *page;
  GListModel *numbers;
  JsonObject *shown;
  guint n_tasks;

  day_wait_logged_in (app);
  n_tasks = server_tasks (f);
  g_assert_cmpuint (n_tasks, >, 0);

  shown = day_show_page (f, app, "tasks", &lines);
  page = AGENT_TASKS_PAGE (day_page (app, "tasks"));
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, n_tasks);
  g_assert_cmpuint (g_list_model_get_n_items (agent_tasks_page_get_tasks (page)), ==, n_tasks);

  /* The first task is chosen: its numbers, as many as the server counts, and its progress. */
  first = g_list_model_get_item (agent_tasks_page_get_tasks (page), 0);
  total = server_numbers (f, first, &done);
  numbers = agent_tasks_page_get_numbers (page);
  TEST_WAIT_UNTIL (g_list_model_get_n_items (numbers) == total &&
                   agent_paged_model_is_loaded (AGENT_PAGED_MODEL (numbers), 0), DAY_WAIT_MS);
  g_assert_cmpstr (bbh_task_detail_get_task_name (agent_paged_model_peek_item (AGENT_PAGED_MODEL (numbers), 0)),
                   ==, bbh_call_flow_get_task_name (first));
  expected = g_strdup_printf ("%u of %u done", (guint) done, (guint) total);
  TEST_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (progress_label (page, 0)), expected) == 0,
                   DAY_WAIT_MS);

  /* Shown twice, and still nothing was handed out. */
  day_show_page (f, app, "tasks", &lines);
  g_assert_cmpuint (day_count_requests (f, "findCallFlow", NULL, NULL), >=, 2);
  g_assert_cmpuint (day_count_requests (f, "findTaskMx", NULL, NULL), >=, 1);
  g_assert_cmpuint (day_count_requests (f, "getTaskDetailPhone", NULL, NULL), ==, 0);
  g_assert_cmpstr (agent_tasks_page_get_call_state (page), ==, "idle");
  g_assert_null (agent_tasks_page_get_current (page));
}

static void
test_show (DayFixture    *f,
           gconstpointer  data)
{
  day_run (f, show_body);
}

/* ---- Call Next ---- */

static BbhTaskPhone *
call_next (AgentTasksPage *page,
           const char     *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  TEST_WAIT_UNTIL (g_strcmp0 (agent_tasks_page_get_call_state (page), "ready") == 0, DAY_WAIT_MS);
  return g_object_ref (agent_tasks_page_get_current (page));
}

static void
call_next_body (AgentApplication *app,
                gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(BbhTaskPhone) one = NULL;
  g_autoptr(BbhTaskPhone) two = NULL;
  g_autoptr(BbhTaskPhone) three = NULL;
  g_autofree char *ctd_one = NULL;
  g_autofree char *ctd_two = NULL;
  GtkLabel *number_label, *customer_label;
  AgentTasksPage *page;

  day_wait_logged_in (app);
  day_show_page (f, app, "tasks", &lines);
  page = AGENT_TASKS_PAGE (day_page (app, "tasks"));
  number_label = test_template_child (page, AGENT_TYPE_TASKS_PAGE, "number_label");
  customer_label = test_template_child (page, AGENT_TYPE_TASKS_PAGE, "customer_label");

  /* The first number, with what is known of its customer. */
  one = call_next (page, "tasks.call-next");
  ctd_one = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_task_phone_get_task_detail_id (one));
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (one), >, 0);
  g_assert_cmpuint (day_count_requests (f, "getTaskDetailPhone", NULL, NULL), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (number_label), !=, "");
  TEST_WAIT_UNTIL (day_count_requests (f, "getcustomer", "phoneNum", bbh_task_phone_get_phone (one)) == 1 &&
                   g_strcmp0 (gtk_label_get_label (customer_label), "Looking up the customer…") != 0,
                   DAY_WAIT_MS);

  /* Dial: the call is placed, followed through its events, and its result saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "tasks.dial", NULL));
  TEST_WAIT_UNTIL (day_count_requests (f, "callbackPhone", "descPhone",
                                       bbh_task_phone_get_phone (one)) == 1, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_tasks_page_get_call_state (page), "saved") == 0, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (day_count_requests (f, "addCdrRecord", "dialCtdId", ctd_one) == 1 &&
                   agent_outbox_get_pending (day_outbox (app)) == 0, DAY_WAIT_MS);
  g_assert_cmpuint (day_count_requests (f, "addCdrRecord", "dialPhoneNum",
                                        bbh_task_phone_get_phone (one)), ==, 1);

  /* The next number is another one. */
  two = call_next (page, "tasks.call-next");
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (two), !=, bbh_task_phone_get_task_detail_id (one));
  ctd_two = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_task_phone_get_task_detail_id (two));

  /* Skipped: another again, and nothing recorded for the one skipped. */
  three = call_next (page, "tasks.skip");
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (three), !=, bbh_task_phone_get_task_detail_id (two));
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (three), !=, bbh_task_phone_get_task_detail_id (one));
  g_assert_cmpuint (day_count_requests (f, "getTaskDetailPhone", NULL, NULL), ==, 3);
  g_assert_cmpuint (day_count_requests (f, "addCdrRecord", "dialCtdId", ctd_two), ==, 0);
  g_assert_cmpuint (day_count_requests (f, "addCdrRecord", NULL, NULL), ==, 1);
}

static void
test_call_next (DayFixture    *f,
                gconstpointer  data)
{
  day_run (f, call_next_body);
}

/* ---- which task a number is from ---- */

/* Another task on every flow, added by the administrator: each flow now has two tasks, the new
 * one listed first, and the next number still belongs to an older one. */
static void
add_task_per_flow (DayFixture *f)
{
  g_autofree char *md5 = bbh_password_md5 ("800ing-admin");
  g_autoptr(BbhClient) admin = bbh_client_new (test_sandbox_get_url (f->sandbox), "100008899", md5);
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DayWait wait = { 0 };

  bbh_client_find_call_flow_async (admin, 0, NULL, day_on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
  flows = bbh_client_find_call_flow_finish (admin, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(BbhCallFlow) flow = g_list_model_get_item (flows, i);
      g_autoptr(BbhTaskRequest) task = NULL;
      g_autofree char *name = NULL;
      g_autofree char *phone = day_unique_phone ();
      DayWait added = { 0 };

      if (!g_hash_table_add (seen, g_strdup (bbh_call_flow_get_name (flow))))
        continue;
      name = g_strdup_printf ("Newer task on %s", bbh_call_flow_get_name (flow));
      task = bbh_task_request_new (BBH_TASK_ADD_AUTO, name);
      bbh_task_request_set_flow_name (task, bbh_call_flow_get_name (flow));
      bbh_task_request_add_number (task, phone, NULL, NULL);
      bbh_client_add_task_async (admin, task, NULL, day_on_done_cb, &added);
      TEST_WAIT_UNTIL (added.done, DAY_WAIT_MS);
      g_assert_true (bbh_client_add_task_finish (admin, added.result, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&added.result);
    }
}

static void
task_named_body (AgentApplication *app,
                 gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(BbhTaskPhone) next = NULL;
  g_autofree char *expected = NULL;
  GListModel *tasks;
  GtkLabel *task_label;
  AgentTasksPage *page;
  const char *name = NULL;
  guint on_flow = 0;

  day_wait_logged_in (app);
  day_show_page (f, app, "tasks", &lines);
  page = AGENT_TASKS_PAGE (day_page (app, "tasks"));
  task_label = test_template_child (page, AGENT_TYPE_TASKS_PAGE, "task_label");

  next = call_next (page, "tasks.call-next");
  g_assert_cmpint (bbh_task_phone_get_task_id (next), >, 0);
  tasks = agent_tasks_page_get_tasks (page);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(BbhCallFlow) task = g_list_model_get_item (tasks, i);

      if (bbh_call_flow_get_id (task) == bbh_task_phone_get_flow_id (next))
        on_flow++;
      if (bbh_call_flow_get_task_id (task) == bbh_task_phone_get_task_id (next))
        name = bbh_call_flow_get_task_name (task);
    }
  /* The case that matters: more than one task follows the number's flow. */
  g_assert_cmpuint (on_flow, >=, 2);
  g_assert_nonnull (name);
  g_assert_false (g_str_has_prefix (name, "Newer task on"));
  expected = g_strdup_printf ("From the task “%s”", name);
  g_assert_cmpstr (gtk_label_get_label (task_label), ==, expected);
}

static void
test_task_named (DayFixture    *f,
                 gconstpointer  data)
{
  add_task_per_flow (f);
  day_run (f, task_named_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-tasks-page-state-XXXXXX", NULL);

  /* The outbox lives in $XDG_STATE_HOME: never the developer's own. Calls placed through the
   * sandbox ring and talk briefly. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_RING_MS", "300", TRUE);
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_TALK_MS", "900", TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/tasks-page/show-reads-only", DayFixture, NULL, day_fixture_setup,
              test_show, day_fixture_teardown);
  g_test_add ("/agent/tasks-page/call-next", DayFixture, NULL, day_fixture_setup,
              test_call_next, day_fixture_teardown);
  g_test_add ("/agent/tasks-page/task-named", DayFixture, NULL, day_fixture_setup,
              test_task_named, day_fixture_teardown);

  return g_test_run ();
}
