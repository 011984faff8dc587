/* test-admin-campaigns.c — the campaigns and voice pages against a real sandbox, as an
 * administrator: a task from a CSV file (checked before sending) shows in findTaskMx with its
 * numbers, and progresses on screen as an agent reports a call; voice codes are sent and listed; the IVR cache and the SmartTel box get their requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-campaigns-page.h"
#include "agent-paged-model.h"
#include "agent-task-editor.h"
#include "agent-voice-page.h"
#include "admin-test-util.h"

static guint
count (AdminFixture *f,
       const char   *method)
{
  g_autoptr(GPtrArray) requests = admin_requests (f, method);

  return requests->len;
}

static JsonObject *
last_params (AdminFixture *f,
             const char   *method)
{
  g_autoptr(GPtrArray) requests = admin_requests (f, method);
  JsonObject *request;

  g_assert_cmpuint (requests->len, >, 0);
  request = g_ptr_array_index (requests, requests->len - 1);
  return json_object_ref (json_object_get_object_member (request, "params"));
}

static char *
write_file (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("task-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Campaigns ----------------------------------------------------------------------------------- */

/* Whether the page's picture of states has @status at @value. */
static gboolean
counts_show (AgentCampaignsPage *page,
             int                 status,
             double              value)
{
  AgentChannelBar *bar = agent_campaigns_page_get_counts (page);

  for (guint i = 0; i < agent_channel_bar_get_n_bars (bar); i++)
    if (g_strcmp0 (agent_channel_bar_get_label (bar, i), bbh_task_detail_describe_status (status)) == 0)
      return agent_channel_bar_get_value (bar, i) == value;
  return FALSE;
}

/* Whether the page lists @phone with @status and @talk_seconds. */
static gboolean
detail_shows (AgentCampaignsPage *page,
              const char         *phone,
              int                 status,
              int                 talk_seconds)
{
  GListModel *details = agent_campaigns_page_get_details (page);

  if (details == NULL || agent_paged_model_get_loading (AGENT_PAGED_MODEL (details)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (details); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (details, i);

      if (BBH_IS_TASK_DETAIL (item) && g_strcmp0 (bbh_task_detail_get_phone (BBH_TASK_DETAIL (item)), phone) == 0)
        return bbh_task_detail_get_status (BBH_TASK_DETAIL (item)) == status &&
               bbh_task_detail_get_talk_seconds (BBH_TASK_DETAIL (item)) == talk_seconds;
    }
  return FALSE;
}

static void
campaign_body (AgentApplication *app,
               gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(BbhClient) admin = admin_client_new (f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  g_autoptr(GListModel) blacklist = admin_get_blacklists (admin);
  g_autoptr(BbhBlacklistEntry) blocked = g_list_model_get_item (blacklist, 0);
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GListModel) details = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  const char *agents[] = { "800", "801", NULL };
  const char *phones[] = { "13712340001", "13712340002", "13712340003" };
  AgentCampaignsPage *page;
  AgentTaskEditor *editor;
  BbhCallFlow *flow = NULL;
  const char *problems;
  gint64 rows = -1;
  guint64 total = 0;

  bbh_client_find_call_flow_async (admin, 0, NULL, admin_store_result_cb, &result);
  flows = bbh_client_find_call_flow_finish (admin, admin_wait_result (&result), NULL, NULL);
  g_clear_object (&result);
  g_assert_nonnull (flows);

  page = AGENT_CAMPAIGNS_PAGE (admin_show_page (f, app, "campaigns", &rows));
  g_assert_cmpint (rows, ==, g_list_model_get_n_items (flows));
  /* showing the page only reads */
  g_assert_cmpuint (count (f, "addTask"), ==, 0);
  g_assert_cmpuint (count (f, "getTaskDetailPhone"), ==, 0);

  /* line 1 names the columns; lines 4, 5, 6, 7 are left out */
  text = g_strdup_printf ("phone,key,memo,woOther1\n"
                          "%s,k1,您好,甲\n"
                          "%s,k2,hello,乙\n"
                          "%s,k3,again,丙\n"
                          "%s,k4,blocked,丁\n"
                          "not a phone,k5,x,戊\n"
                          "13712340009,k6,press #1,己\n"
                          "%s,k7,last,庚\n",
                          phones[0], phones[1], phones[0], bbh_blacklist_entry_get_phone (blocked), phones[2]);
  path = write_file (text);
  file = g_file_new_for_path (path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "campaigns.new-task", NULL));
  editor = AGENT_TASK_EDITOR (admin_wait_window (app, AGENT_TYPE_TASK_EDITOR));
  agent_task_editor_load_file (editor, file, AGENT_CSV_ENCODING_AUTO);
  g_assert_true (agent_task_editor_get_busy (editor));
  TEST_WAIT_UNTIL (!agent_task_editor_get_busy (editor), ADMIN_WAIT_MS);

  /* reported before anything is sent */
  g_assert_cmpuint (agent_task_editor_get_n_numbers (editor), ==, 3);
  g_assert_cmpuint (agent_task_editor_get_n_problems (editor), ==, 4);
  problems = agent_task_editor_get_problems (editor);
  g_assert_nonnull (strstr (problems, "Line 4: 13712340001 is already on line 2."));
  g_assert_nonnull (strstr (problems, "Line 5: "));
  g_assert_nonnull (strstr (problems, "is on the blacklist"));
  g_assert_nonnull (strstr (problems, "Line 6: "));
  g_assert_nonnull (strstr (problems, "Line 7: "));
  g_assert_cmpuint (count (f, "addTask"), ==, 0);

  /* a name is needed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "task.create", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (test_template_child (editor, AGENT_TYPE_TASK_EDITOR,
                                                                     "error_revealer")));
  g_assert_cmpuint (count (f, "addTask"), ==, 0);

  gtk_editable_set_text (test_template_child (editor, AGENT_TYPE_TASK_EDITOR, "name_row"), "CSV 测试任务");
  adw_combo_row_set_selected (test_template_child (editor, AGENT_TYPE_TASK_EDITOR, "type_row"), 0);
  adw_combo_row_set_selected (test_template_child (editor, AGENT_TYPE_TASK_EDITOR, "flow_row"), 0);
  gtk_spin_button_set_value (test_template_child (editor, AGENT_TYPE_TASK_EDITOR, "interval_spin"), 15);
  TEST_WAIT_UNTIL (agent_task_editor_set_agents (editor, agents), ADMIN_WAIT_MS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "task.create", NULL));

  /* One addTask with every number that passed. */
  TEST_WAIT_UNTIL (count (f, "addTask") == 1, ADMIN_WAIT_MS);
  params = last_params (f, "addTask");
  g_assert_cmpstr (json_object_get_string_member (params, "name"), ==, "CSV 测试任务");
  g_assert_cmpstr (json_object_get_string_member (params, "addType"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (params, "sendInterval"), ==, "15");
  g_assert_cmpstr (json_object_get_string_member (params, "allotExte"), ==, "100008800,100008801");
  g_assert_nonnull (strstr (json_object_get_string_member (params, "data"), "\"woOther1\""));
  g_assert_null (strstr (json_object_get_string_member (params, "data"), "13712340009"));

  /* The page shows the new task and its three numbers. */
  TEST_WAIT_UNTIL (agent_campaigns_page_get_flows (page) != NULL &&
                   agent_campaigns_page_select_task (page, "CSV 测试任务"), ADMIN_WAIT_MS);
  TEST_WAIT_UNTIL (agent_paged_model_get_total (AGENT_PAGED_MODEL (agent_campaigns_page_get_details (page))) == 3 &&
                   !agent_paged_model_get_loading (AGENT_PAGED_MODEL (agent_campaigns_page_get_details (page))),
                   ADMIN_WAIT_MS);
  g_assert_cmpuint (agent_channel_bar_get_n_bars (agent_campaigns_page_get_counts (page)), >=, 1);

  /* and findTaskMx agrees */
  for (guint i = 0; i < g_list_model_get_n_items (agent_campaigns_page_get_flows (page)); i++)
    {
      g_autoptr(BbhCallFlow) item = g_list_model_get_item (agent_campaigns_page_get_flows (page), i);

      if (g_strcmp0 (bbh_call_flow_get_task_name (item), "CSV 测试任务") == 0)
        flow = g_steal_pointer (&item);
    }
  g_assert_nonnull (flow);
  bbh_client_find_task_mx_async (admin, bbh_call_flow_get_id (flow), BBH_TASK_FILTER_ALL, 0, "CSV 测试任务",
                                 NULL, NULL, 0, 50, NULL, admin_store_result_cb, &result);
  details = bbh_client_find_task_mx_finish (admin, admin_wait_result (&result), &total, NULL, NULL);
  g_object_unref (flow);
  g_assert_nonnull (details);
  g_assert_cmpuint (total, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (details); j++)
        {
          g_autoptr(BbhTaskDetail) detail = g_list_model_get_item (details, j);

          found |= g_strcmp0 (bbh_task_detail_get_phone (detail), phones[i]) == 0;
        }
      g_assert_true (found);
    }

  /* Watch it progress: an agent calls the first number and reports the call (addCdrRecord with
   * its dialCtdId, as the agent's application does); the administrator reloads and sees it
   * answered, in the list and in the picture, still on the same task. */
  {
    g_autoptr(BbhClient) agent = admin_client_new (f, AGENT_ACCOUNT, AGENT_PASSWORD);
    g_autoptr(BbhTaskDetail) first = g_list_model_get_item (details, 0);
    g_autoptr(BbhCdrUpload) upload = bbh_cdr_upload_new (g_get_real_time ());
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GAsyncResult) uploaded = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (counts_show (page, 0, 3));
    g_assert_true (detail_shows (page, bbh_task_detail_get_phone (first), 0, 0));

    upload->phone = g_strdup (bbh_task_detail_get_phone (first));
    upload->peer = 1;
    upload->answer = 1;
    upload->talk_time = 42;
    upload->hangup_reason = 16;
    upload->start_time = g_date_time_add_seconds (now, -60);
    upload->success_time = g_date_time_add_seconds (now, -42);
    upload->hangup_time = g_date_time_ref (now);
    upload->ctd_id = bbh_task_detail_get_id (first);
    bbh_client_add_cdr_record_async (agent, upload, NULL, admin_store_result_cb, &uploaded);
    g_assert_true (bbh_client_add_cdr_record_finish (agent, admin_wait_result (&uploaded), &error));
    g_assert_no_error (error);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "campaigns.reload", NULL));
    TEST_WAIT_UNTIL (detail_shows (page, bbh_task_detail_get_phone (first), 4, 42), ADMIN_WAIT_MS);
    g_assert_true (counts_show (page, 0, 2));
    g_assert_true (counts_show (page, 4, 1));
    g_assert_cmpstr (gtk_editable_get_text (test_template_child (page, AGENT_TYPE_CAMPAIGNS_PAGE, "name_entry")),
                     ==, "CSV 测试任务");
  }

  /* A reload keeps whichever task is being watched, even when new tasks push it down the list. */
  {
    g_autoptr(GListModel) before = g_object_ref (agent_campaigns_page_get_flows (page));
    g_autoptr(BbhCallFlow) second = g_list_model_get_item (before, 1);
    g_autofree char *watched = g_strdup (bbh_call_flow_get_task_name (second));
    GtkEditable *name_entry = test_template_child (page, AGENT_TYPE_CAMPAIGNS_PAGE, "name_entry");

    g_autoptr(BbhTaskRequest) other = bbh_task_request_new (BBH_TASK_ADD_AUTO, "另一位管理员的任务");
    g_autoptr(GAsyncResult) added = NULL;

    g_assert_cmpstr (watched, !=, "CSV 测试任务");
    g_assert_true (agent_campaigns_page_select_task (page, watched));
    g_assert_cmpstr (gtk_editable_get_text (name_entry), ==, watched);

    /* meanwhile someone else adds a task: the rows move down by one */
    bbh_task_request_set_flow_name (other, bbh_call_flow_get_name (second));
    bbh_task_request_add_number (other, "13712349999", NULL, NULL);
    bbh_client_add_task_async (admin, other, NULL, admin_store_result_cb, &added);
    g_assert_true (bbh_client_add_task_finish (admin, admin_wait_result (&added), NULL, NULL));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "campaigns.reload", NULL));
    TEST_WAIT_UNTIL (agent_campaigns_page_get_flows (page) != before, ADMIN_WAIT_MS);
    g_assert_cmpstr (gtk_editable_get_text (name_entry), ==, watched);
    g_assert_true (agent_campaigns_page_select_task (page, "CSV 测试任务"));
    TEST_WAIT_UNTIL (detail_shows (page, phones[0], 4, 42) || detail_shows (page, phones[1], 4, 42) ||
                     detail_shows (page, phones[2], 4, 42), ADMIN_WAIT_MS);
  }

  /* The state filter goes to the server. */
  agent_campaigns_page_set_filter (page, BBH_TASK_FILTER_NOT_STARTED);
  TEST_WAIT_UNTIL (!agent_paged_model_get_loading (AGENT_PAGED_MODEL (agent_campaigns_page_get_details (page))),
                   ADMIN_WAIT_MS);
  g_clear_pointer (&params, json_object_unref);
  params = last_params (f, "findTaskMx");
  g_assert_cmpstr (json_object_get_string_member (params, "type"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (params, "ctkName"), ==, "CSV 测试任务");
  g_unlink (path);
}

static void
test_campaign (AdminFixture  *f,
               gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, campaign_body);
}

/* Voice ----------------------------------------------------------------------------------------- */

static gboolean
audits_have (AgentVoicePage *page,
             const char     *phone,
             const char     *value)
{
  GListModel *audits = agent_voice_page_get_audits (page);

  for (guint i = 0; i < g_list_model_get_n_items (audits); i++)
    {
      g_autoptr(BbhPhoneAudit) audit = g_list_model_get_item (audits, i);

      if (g_strcmp0 (bbh_phone_audit_get_phone (audit), phone) == 0 &&
          g_strcmp0 (bbh_phone_audit_get_value (audit), value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gpointer
voice_child (AgentVoicePage *page,
             const char     *name)
{
  return test_template_child (page, AGENT_TYPE_VOICE_PAGE, name);
}

static void
voice_body (AgentApplication *app,
            gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(JsonObject) params = NULL;
  AgentVoicePage *page;
  gint64 rows = -1;

  page = AGENT_VOICE_PAGE (admin_show_page (f, app, "voice", &rows));
  g_assert_cmpint (rows, ==, agent_paged_model_get_total (AGENT_PAGED_MODEL (agent_voice_page_get_audits (page))));
  g_assert_false (audits_have (page, "13800138000", "246810"));

  /* digits only for digits */
  gtk_editable_set_text (voice_child (page, "phone_row"), "138 0013 8000");
  gtk_editable_set_text (voice_child (page, "code_row"), "12ab");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.send", NULL));
  g_assert_cmpuint (count (f, "phoneAudit"), ==, 0);

  gtk_editable_set_text (voice_child (page, "code_row"), "246810");
  adw_combo_row_set_selected (voice_child (page, "record_row"), 2);
  gtk_editable_set_text (voice_child (page, "command_row"), "6001");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.send", NULL));

  /* sent, and listed with the others */
  TEST_WAIT_UNTIL (audits_have (page, "13800138000", "246810"), ADMIN_WAIT_MS);
  params = last_params (f, "phoneAudit");
  g_assert_cmpstr (json_object_get_string_member (params, "yzm"), ==, "246810");
  g_assert_cmpstr (json_object_get_string_member (params, "type"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (params, "phone"), ==, "13800138000");
  g_assert_cmpstr (json_object_get_string_member (params, "isRecord"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (params, "commandNo"), ==, "6001");
  g_clear_pointer (&params, json_object_unref);

  /* Chinese text by the iFlytek engine */
  adw_combo_row_set_selected (voice_child (page, "kind_row"), 2);
  gtk_editable_set_text (voice_child (page, "code_row"), "您的验证码是八六四");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.send", NULL));
  TEST_WAIT_UNTIL (audits_have (page, "13800138000", "您的验证码是八六四"), ADMIN_WAIT_MS);
  params = last_params (f, "phoneAudit");
  g_assert_cmpstr (json_object_get_string_member (params, "type"), ==, "4");
  g_clear_pointer (&params, json_object_unref);

  /* The IVR cache. */
  gtk_editable_set_text (voice_child (page, "ivr_source_row"), "13900001111");
  gtk_editable_set_text (voice_child (page, "ivr_dest_row"), "02367073578");
  gtk_editable_set_text (voice_child (page, "ivr_dial_row"), "13800002222");
  gtk_spin_button_set_value (voice_child (page, "ivr_seconds_spin"), 300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.save-ivr", NULL));
  TEST_WAIT_UNTIL (count (f, "setIvrDialing") == 1, ADMIN_WAIT_MS);
  params = last_params (f, "setIvrDialing");
  g_assert_cmpstr (json_object_get_string_member (params, "sourcePhone"), ==, "13900001111");
  g_assert_cmpstr (json_object_get_string_member (params, "descPhone"), ==, "02367073578");
  g_assert_cmpstr (json_object_get_string_member (params, "dialPhone"), ==, "13800002222");
  g_assert_cmpstr (json_object_get_string_member (params, "saveTimes"), ==, "300");
  g_clear_pointer (&params, json_object_unref);

  /* The SmartTel box: a wrong address is refused here, a right one reaches the server. */
  gtk_editable_set_text (voice_child (page, "box_mac_row"), "not a mac");
  gtk_editable_set_text (voice_child (page, "box_phone_row"), "13800003333");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.box-dial", NULL));
  g_assert_cmpuint (count (f, "sendTelCall"), ==, 0);
  gtk_editable_set_text (voice_child (page, "box_mac_row"), "00:1A:2B:3C:4D:10");
  gtk_spin_button_set_value (voice_child (page, "box_channel_spin"), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "voice.box-dial", NULL));
  TEST_WAIT_UNTIL (count (f, "sendTelCall") == 1, ADMIN_WAIT_MS);
  params = last_params (f, "sendTelCall");
  g_assert_cmpstr (json_object_get_string_member (params, "mac"), ==, "00:1A:2B:3C:4D:10");
  g_assert_cmpstr (json_object_get_string_member (params, "channel"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (params, "phone"), ==, "13800003333");
}

static void
test_voice (AdminFixture  *f,
            gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, voice_body);
}

int
main (int   argc,
      char *argv[])
{
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/agent/admin-campaigns/" path, AdminFixture, NULL, admin_fixture_setup, func, \
              admin_fixture_teardown)
  ADD ("task-from-csv", test_campaign);
  ADD ("voice", test_voice);
#undef ADD

  return g_test_run ();
}
