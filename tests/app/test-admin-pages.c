/* test-admin-pages.c — the administrator pages against a real sandbox: what an agent may not
 * see, the agents page (add with every field, log in as the new agent, edit, reset a password,
 * delete, the show number) and the live board (refresh, ticking queue, no overlap when the
 * server is slow, paused off screen)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-agent-editor.h"
#include "agent-agents-page.h"
#include "agent-blacklist-page.h"
#include "agent-board-page.h"
#include "agent-page.h"
#include "agent-window.h"
#include "admin-test-util.h"

static const char *admin_pages[] = { "agents", "board", "blacklist", "campaigns", "voice" };

/* An agent --------------------------------------------------------------------------------- */

static const char *
stack_child_name (gpointer page,
                  GType    type)
{
  return gtk_stack_get_visible_child_name (test_template_child (page, type, "stack"));
}

static void
agent_denied_body (AgentApplication *app,
                   gpointer          user_data)
{
  AdminFixture *f = user_data;
  AgentWindow *window = agent_application_get_window (app);
  AgentSession *session = agent_application_get_session (app);
  GtkStack *page_stack = test_template_child (window, AGENT_TYPE_WINDOW, "page_stack");
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  GtkWidget *page;

  g_assert_false (agent_session_get_is_admin (session));

  /* The administrator's pages are not in the page list. */
  for (guint i = 0; i < G_N_ELEMENTS (admin_pages); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (page_stack, admin_pages[i]);

      g_assert_nonnull (child);
      g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (page_stack, child)));
    }

  /* Asked for anyway: page-denied, a message, and nothing else. */
  for (guint i = 0; i < G_N_ELEMENTS (admin_pages); i++)
    {
      f->trace_offset = test_trace_offset ();
      g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                      g_variant_new_string (admin_pages[i]));
      admin_wait_trace (f, &lines, "page-denied", "page", admin_pages[i]);
      g_assert_null (test_trace_find (lines, "page-shown", "page", admin_pages[i]));
      g_assert_cmpstr (agent_window_get_page_name (window), ==, "home");
    }
  /* the person who asked is told why, in words */
  TEST_WAIT_UNTIL (admin_has_label (GTK_WIDGET (window), "Only company administrators can open this page."),
                   ADMIN_WAIT_MS);
  /* showing a page the agent may not see asked the server nothing */
  requests = admin_requests (f, "getBlacklists");
  g_assert_cmpuint (requests->len, ==, 0);
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* A page loaded anyway — the server still says no (-5): the page says so in words. */
  page = agent_window_get_page (window, "blacklist");
  agent_page_load (AGENT_PAGE (page), session);
  TEST_WAIT_UNTIL (g_strcmp0 (stack_child_name (page, AGENT_TYPE_BLACKLIST_PAGE), "denied") == 0,
                   ADMIN_WAIT_MS);
  g_assert_true (admin_has_label (test_template_child (page, AGENT_TYPE_BLACKLIST_PAGE, "denied_page"),
                                  "administrator"));
  requests = admin_requests (f, "getBlacklists");
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "code"), ==, -5);
  g_clear_pointer (&requests, g_ptr_array_unref);

  page = agent_window_get_page (window, "board");
  agent_page_load (AGENT_PAGE (page), session);
  TEST_WAIT_UNTIL (g_strcmp0 (stack_child_name (page, AGENT_TYPE_BOARD_PAGE), "denied") == 0,
                   ADMIN_WAIT_MS);
  requests = admin_requests (f, "systemChannels");
  g_assert_cmpuint (requests->len, >=, 1);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "code"), ==, -5);
}

static void
test_agent_denied (AdminFixture  *f,
                   gconstpointer  data)
{
  admin_run (f, AGENT_ACCOUNT, AGENT_PASSWORD, agent_denied_body);
}

/* Agents ----------------------------------------------------------------------------------- */

static guint
count (AdminFixture *f,
       const char   *method)
{
  g_autoptr(GPtrArray) requests = admin_requests (f, method);

  return requests->len;
}

static BbhAgent *
find_agent (GListModel *agents,
            const char *extension)
{
  for (guint i = 0; agents != NULL && i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (agents, i);

      if (g_strcmp0 (bbh_agent_get_extension (agent), extension) == 0)
        return agent;  /* the model keeps it */
    }
  return NULL;
}

static gpointer
editor_child (AgentAgentEditor *editor,
              const char       *name)
{
  return test_template_child (editor, AGENT_TYPE_AGENT_EDITOR, name);
}

static void
set_row (AgentAgentEditor *editor,
         const char       *name,
         const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, name)), text);
}

static gboolean
can_log_in (AdminFixture *f,
            const char   *account,
            const char   *password)
{
  g_autoptr(BbhClient) client = admin_client_new (f, account, password);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BbhExtension) extension = NULL;

  bbh_client_get_extension_async (client, NULL, admin_store_result_cb, &result);
  extension = bbh_client_get_extension_finish (client, admin_wait_result (&result), NULL);
  return extension != NULL;
}

static JsonObject *
last_request (AdminFixture *f,
              const char   *method)
{
  g_autoptr(GPtrArray) requests = admin_requests (f, method);

  g_assert_cmpuint (requests->len, >, 0);
  return json_object_ref (g_ptr_array_index (requests, requests->len - 1));
}

static void
agents_add_body (AgentApplication *app,
                 gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(BbhClient) admin = admin_client_new (f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  g_autoptr(GListModel) server_agents = admin_get_extensions (admin);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  AgentAgentsPage *page;
  AgentAgentEditor *editor;
  BbhAgent *added, *model_agent = NULL;
  JsonObject *params;
  gint64 rows = -1, department = 0, shp = 0;

  page = AGENT_AGENTS_PAGE (admin_show_page (f, app, "agents", &rows));
  g_assert_cmpint (rows, ==, g_list_model_get_n_items (server_agents));
  g_assert_null (find_agent (agent_agents_page_get_agents (page), "850"));

  /* a department and a show number the company has, from an agent that uses them */
  for (guint i = 0; i < g_list_model_get_n_items (server_agents); i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (server_agents, i);

      if (department == 0)
        department = bbh_agent_get_department_id (agent);
      if (shp == 0)
        shp = bbh_agent_get_shp_id (agent);
    }
  g_assert_cmpint (department, >, 0);
  g_assert_cmpint (shp, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.add", NULL));
  editor = AGENT_AGENT_EDITOR (admin_wait_window (app, AGENT_TYPE_AGENT_EDITOR));

  /* An extension outside 400–899 is refused before anything is sent. */
  set_row (editor, "extension_row", "900");
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "extension_hint")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (editor_child (editor, "error_revealer")));
  g_assert_nonnull (strstr (gtk_label_get_label (editor_child (editor, "error_label")), "400 to 899"));
  requests = admin_requests (f, "addExtension");
  g_assert_cmpuint (requests->len, ==, 0);
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* Every field. */
  set_row (editor, "extension_row", "850");
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "extension_hint")));
  set_row (editor, "name_row", "测试坐席");
  set_row (editor, "login_name_row", "tester850");
  set_row (editor, "password_row", "pw-850-secret");
  adw_combo_row_set_selected (editor_child (editor, "status_row"), 0);
  gtk_spin_button_set_value (editor_child (editor, "department_spin"), department);
  adw_combo_row_set_selected (editor_child (editor, "login_type_row"), 2);  /* the app */
  set_row (editor, "mobile_row", "139-0000-8500");
  gtk_switch_set_active (editor_child (editor, "forward_switch"), TRUE);
  gtk_switch_set_active (editor_child (editor, "record_switch"), FALSE);
  gtk_switch_set_active (editor_child (editor, "app_switch"), TRUE);
  gtk_spin_button_set_value (editor_child (editor, "shp_spin"), shp);
  gtk_spin_button_set_value (editor_child (editor, "transfer_shp_spin"), shp);
  set_row (editor, "memo1_row", "备注一");
  set_row (editor, "memo2_row", "note two");
  set_row (editor, "memo3_row", "note three");
  set_row (editor, "memo4_row", "note four");
  set_row (editor, "memo5_row", "note five");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));

  /* The editor closes and the agent is listed, as the server holds it. */
  TEST_WAIT_UNTIL ((model_agent = find_agent (agent_agents_page_get_agents (page), "850")) != NULL,
                   ADMIN_WAIT_MS);
  added = model_agent;
  g_assert_cmpstr (bbh_agent_get_name (added), ==, "测试坐席");
  g_assert_cmpstr (bbh_agent_get_mobile (added), ==, "13900008500");
  g_assert_cmpstr (bbh_agent_get_login_name (added), ==, "tester850");
  g_assert_cmpint (bbh_agent_get_status (added), ==, BBH_AGENT_STATUS_AGENT);
  g_assert_cmpint (bbh_agent_get_login_type (added), ==, BBH_LOGIN_TYPE_APP);
  g_assert_cmpint (bbh_agent_get_department_id (added), ==, department);
  g_assert_cmpint (bbh_agent_get_mobile_rule (added), ==, 1);
  g_assert_cmpint (bbh_agent_get_is_record (added), ==, 0);
  g_assert_cmpint (bbh_agent_get_is_app (added), ==, 1);
  g_assert_cmpint (bbh_agent_get_shp_id (added), ==, shp);
  g_assert_cmpint (bbh_agent_get_transfer_shp_id (added), ==, shp);
  g_assert_cmpstr (bbh_agent_get_memo (added, 1), ==, "备注一");
  g_assert_cmpstr (bbh_agent_get_memo (added, 5), ==, "note five");

  /* One request, with every documented field. */
  request = last_request (f, "addExtension");
  params = json_object_get_object_member (request, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "exteExtension"), ==, "850");
  g_assert_cmpstr (json_object_get_string_member (params, "extePassword"), ==, "pw-850-secret");
  for (guint i = 0; i < 17; i++)
    {
      static const char *fields[] = { "exteName", "exte_deptId", "exteMobile", "exteinMobileRule",
                                      "exteStatus", "exteIsRecord", "exteMemo", "exteMemo2", "exteMemo3",
                                      "exteMemo4", "exteMemo5", "exteLoginName", "exteLoginType",
                                      "exte_transfer_shpId", "exteIsApp", "exte_shpId", "exteExtension" };

      g_assert_true (json_object_has_member (params, fields[i]));
    }
  g_assert_null (admin_find_dialog (app, "agents-password-dialog"));

  /* The new agent can log in with that password. */
  g_assert_true (can_log_in (f, "100008850", "pw-850-secret"));
  g_assert_false (can_log_in (f, "100008850", "wrong"));

  /* Taken extensions are the server's to refuse: said in the editor, which stays open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.add", NULL));
  editor = AGENT_AGENT_EDITOR (admin_wait_window (app, AGENT_TYPE_AGENT_EDITOR));
  set_row (editor, "extension_row", "850");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (editor_child (editor, "error_revealer")), ADMIN_WAIT_MS);
  g_assert_nonnull (strstr (gtk_label_get_label (editor_child (editor, "error_label")), "850"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_agents_add (AdminFixture  *f,
                 gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, agents_add_body);
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
agents_manage_body (AgentApplication *app,
                    gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(JsonObject) request = NULL;
  g_autofree char *password = NULL;
  g_autofree char *clipboard_text = NULL;
  AgentAgentsPage *page;
  AgentAgentEditor *editor;
  AdwMessageDialog *dialog;
  GtkLabel *label;
  GtkButton *copy;
  JsonObject *params;

  page = AGENT_AGENTS_PAGE (admin_show_page (f, app, "agents", NULL));

  /* Edit: only what changed is sent. */
  g_assert_true (agent_agents_page_select_extension (page, "805"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.edit", NULL));
  editor = AGENT_AGENT_EDITOR (admin_wait_window (app, AGENT_TYPE_AGENT_EDITOR));
  g_assert_cmpstr (gtk_editable_get_text (editor_child (editor, "extension_row")), ==, "805");
  set_row (editor, "name_row", "杨帆（组长）");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  TEST_WAIT_UNTIL (g_strcmp0 (bbh_agent_get_name (find_agent (agent_agents_page_get_agents (page), "805")),
                              "杨帆（组长）") == 0, ADMIN_WAIT_MS);
  request = last_request (f, "editExtension");
  params = json_object_get_object_member (request, "params");
  g_assert_true (json_object_has_member (params, "exteId"));
  g_assert_cmpstr (json_object_get_string_member (params, "exteName"), ==, "杨帆（组长）");
  g_assert_false (json_object_has_member (params, "exteExtension"));
  g_assert_false (json_object_has_member (params, "extePassword"));
  g_assert_false (json_object_has_member (params, "exteMobile"));
  g_clear_pointer (&request, json_object_unref);

  /* The list came back from the server with 805 still chosen: the next action needs no new click. */
  {
    GtkSingleSelection *selection = test_template_child (page, AGENT_TYPE_AGENTS_PAGE, "selection");
    BbhAgent *selected = gtk_single_selection_get_selected_item (selection);

    g_assert_nonnull (selected);
    g_assert_cmpstr (bbh_agent_get_extension (selected), ==, "805");
  }

  /* Reset a password: confirmed, then shown once with a Copy button; it works at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.reset-password", NULL));
  dialog = admin_wait_dialog (app, "agents-reset-dialog");
  adw_message_dialog_response (dialog, "reset");
  dialog = admin_wait_dialog (app, "agents-password-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "805"));
  label = admin_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_LABEL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "password-label"));
  password = g_strdup (gtk_label_get_label (label));
  g_assert_cmpuint (strlen (password), >=, 6);
  g_assert_true (can_log_in (f, "100008805", password));

  copy = admin_find_descendant (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_BUTTON);
  g_signal_emit_by_name (copy, "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (copy)), NULL,
                                 on_clipboard_text_cb, &clipboard_text);
  TEST_WAIT_UNTIL (clipboard_text != NULL, ADMIN_WAIT_MS);
  g_assert_cmpstr (clipboard_text, ==, password);
  adw_message_dialog_response (dialog, "close");

  /* The outgoing show number of 806. */
  g_assert_true (agent_agents_page_select_extension (page, "806"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.show-number", NULL));
  dialog = admin_wait_dialog (app, "agents-show-number-dialog");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "023-6707-3578");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "set"));
  adw_message_dialog_response (dialog, "set");
  TEST_WAIT_UNTIL (count (f, "setShowPhone") > 0, ADMIN_WAIT_MS);
  {
    g_autoptr(GPtrArray) requests = admin_requests (f, "setShowPhone");

    params = json_object_get_object_member (g_ptr_array_index (requests, 0), "params");
    g_assert_cmpstr (json_object_get_string_member (params, "extension"), ==, "806");
    g_assert_cmpstr (json_object_get_string_member (params, "phone"), ==, "02367073578");
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "code"), ==, 0);
  }

  /* Delete, after a confirmation. */
  g_assert_true (agent_agents_page_select_extension (page, "805"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "agents.delete", NULL));
  dialog = admin_wait_dialog (app, "agents-delete-dialog");
  adw_message_dialog_response (dialog, "delete");
  TEST_WAIT_UNTIL (find_agent (agent_agents_page_get_agents (page), "805") == NULL, ADMIN_WAIT_MS);
  g_assert_false (can_log_in (f, "100008805", password));
}

static void
test_agents_manage (AdminFixture  *f,
                    gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, agents_manage_body);
}

/* The live board ---------------------------------------------------------------------------- */

static gboolean
spin_for_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    test_iterate ();
  return TRUE;
}

static void
board_body (AgentApplication *app,
            gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(BbhClient) admin = admin_client_new (f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  g_autoptr(GListModel) server_agents = admin_get_extensions (admin);
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *wait_text = NULL;
  AgentBoardPage *page;
  AgentChannelBar *bar;
  gint64 rows = -1;
  guint channel_lists, refreshes, skipped, n;

  /* A long interval first: the waiting times tick on their own. */
  g_settings_set_uint (settings, "board-refresh-seconds", 3600);
  page = AGENT_BOARD_PAGE (admin_show_page (f, app, "board", &rows));
  g_assert_cmpint (rows, ==, g_list_model_get_n_items (server_agents));
  g_assert_true (agent_board_page_get_running (page));

  /* the channels, as systemChannels counts them */
  bar = agent_board_page_get_channel_bar (page);
  g_assert_cmpuint (agent_channel_bar_get_n_bars (bar), ==, 3);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(BbhChannelStats) stats = NULL;

    bbh_client_system_channels_async (admin, NULL, NULL, admin_store_result_cb, &result);
    stats = bbh_client_system_channels_finish (admin, admin_wait_result (&result), NULL);
    g_assert_nonnull (stats);
    g_assert_cmpfloat (agent_channel_bar_get_max (bar, 0), ==, bbh_channel_stats_get_total_channels (stats));
    g_assert_cmpfloat (agent_channel_bar_get_value (bar, 1), ==, bbh_channel_stats_get_used_normal (stats));
    g_assert_cmpfloat (agent_channel_bar_get_value (bar, 2), ==, bbh_channel_stats_get_used_group_call (stats));
  }

  /* the queue, with a waiting time that moves every second without asking the server */
  g_assert_nonnull (agent_board_page_get_queue (page));
  g_assert_cmpuint (g_list_model_get_n_items (agent_board_page_get_queue (page)), >, 0);
  channel_lists = count (f, "getChannelList");
  wait_text = g_strdup (agent_board_page_get_wait_text (page, 0));
  g_assert_nonnull (wait_text);
  g_assert_nonnull (strchr (wait_text, ':'));
  TEST_WAIT_UNTIL (g_strcmp0 (agent_board_page_get_wait_text (page, 0), wait_text) != 0, 3000);
  g_assert_cmpuint (count (f, "getChannelList"), ==, channel_lists);

  /* Every second now: it refreshes by itself. */
  refreshes = agent_board_page_get_n_refreshes (page);
  g_settings_set_uint (settings, "board-refresh-seconds", 1);
  TEST_WAIT_UNTIL (agent_board_page_get_n_refreshes (page) >= refreshes + 2, 5000);

  /* A slow server (5 s an answer): ticks are skipped, requests never overlap. */
  TEST_WAIT_UNTIL (!agent_board_page_get_refreshing (page), 5000);
  skipped = agent_board_page_get_n_skipped (page);
  n = count (f, "getExtensions");
  test_sandbox_fault (f->sandbox, "slow", 9000);
  TEST_WAIT_UNTIL (agent_board_page_get_n_skipped (page) >= skipped + 5, 15000);
  test_sandbox_fault (f->sandbox, "none", 0);
  TEST_WAIT_UNTIL (!agent_board_page_get_refreshing (page), 15000);

  requests = admin_requests (f, "getExtensions");
  g_assert_cmpuint (requests->len, >, n);
  g_assert_cmpuint (requests->len - n, <=, 3);
  for (guint i = n + 1; i < requests->len; i++)
    {
      JsonObject *before = g_ptr_array_index (requests, i - 1);
      JsonObject *after = g_ptr_array_index (requests, i);
      gint64 before_end = json_object_get_int_member (before, "ts_ms") + json_object_get_int_member (before, "ms");

      /* the next one started after the one before was answered */
      g_assert_cmpint (json_object_get_int_member (after, "ts_ms"), >=, before_end);
    }
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* Off screen it stops; back on screen it goes on. */
  admin_show_page (f, app, "blacklist", NULL);
  g_assert_false (agent_board_page_get_running (page));
  TEST_WAIT_UNTIL (!agent_board_page_get_refreshing (page), 5000);
  n = count (f, "getExtensions");
  spin_for_ms (2500);
  g_assert_cmpuint (count (f, "getExtensions"), ==, n);

  refreshes = agent_board_page_get_n_refreshes (page);
  admin_show_page (f, app, "board", NULL);
  g_assert_true (agent_board_page_get_running (page));
  TEST_WAIT_UNTIL (agent_board_page_get_n_refreshes (page) >= refreshes + 2, 5000);
}

static void
test_board (AdminFixture  *f,
            gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, board_body);
}

int
main (int   argc,
      char *argv[])
{
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/agent/admin-pages/" path, AdminFixture, NULL, admin_fixture_setup, func, \
              admin_fixture_teardown)
  ADD ("agent-denied", test_agent_denied);
  ADD ("agents-add", test_agents_add);
  ADD ("agents-manage", test_agents_manage);
  ADD ("board", test_board);
#undef ADD

  return g_test_run ();
}
