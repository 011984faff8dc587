/* test-memos-page.c — the memos page against a real babaihu-sandbox
 *
 * The sandbox's memos appear for a number, newest first; a memo written on the page reaches
 * the sandbox exactly once (through the outbox), with its reminder, which this desktop keeps too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "agent-memos-page.h"
#include "agent-paged-model.h"
#include "agent-reminders.h"
#include "test-day-util.h"

static GListModel *
server_memos (DayFixture *f,
              const char *phone,
              guint64    *out_total)
{
  g_autoptr(GError) error = NULL;
  DayWait wait = { 0 };
  GListModel *memos;

  bbh_client_get_memos_async (f->client, phone, 0, 100, NULL, day_on_done_cb, &wait);
  TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
  memos = bbh_client_get_memos_finish (f->client, wait.result, out_total, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return memos;
}

static gboolean
first_row_is (GListModel *model,
              gint64      id)
{
  gpointer item;

  if (g_list_model_get_n_items (model) == 0 || !agent_paged_model_is_loaded (AGENT_PAGED_MODEL (model), 0))
    return FALSE;
  item = agent_paged_model_peek_item (AGENT_PAGED_MODEL (model), 0);
  return !agent_paged_model_is_placeholder (item) && bbh_memo_get_id (item) == id;
}

static void
search (GtkWidget  *page,
        const char *text)
{
  GtkEditable *entry = test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "search_entry");

  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
}

static const char *
notes_state (GtkWidget *page)
{
  return gtk_stack_get_visible_child_name (test_template_child (page, AGENT_TYPE_MEMOS_PAGE,
                                                                "notes_stack"));
}

/* ---- the sandbox's memos for a number ---- */

static void
lists_body (AgentApplication *app,
            gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GListModel) own = NULL;
  g_autoptr(GListModel) theirs = NULL;
  g_autoptr(BbhMemo) newest = NULL;
  g_autoptr(BbhMemo) first = NULL;
  g_autofree char *phone = NULL;
  guint64 own_total = 0, phone_total = 0;
  JsonObject *shown;
  GtkWidget *page;
  GListModel *model;

  day_wait_logged_in (app);
  own = server_memos (f, NULL, &own_total);
  g_assert_cmpuint (own_total, >, 0);

  /* Without a number: the agent's own memos, as many rows as the server holds. */
  shown = day_show_page (f, app, "memos", &lines);
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, own_total);
  page = day_page (app, "memos");
  model = agent_memos_page_get_memos (AGENT_MEMOS_PAGE (page));
  newest = g_list_model_get_item (own, 0);
  TEST_WAIT_UNTIL (first_row_is (model, bbh_memo_get_id (newest)), DAY_WAIT_MS);
  g_assert_cmpstr (notes_state (page), ==, "list");

  /* A number: its memos, newest first, exactly the server's. */
  phone = g_strdup (bbh_memo_get_phone (newest));
  test_sandbox_add_memo (f->sandbox, f->client, phone, "second memo, written by the test");
  theirs = server_memos (f, phone, &phone_total);
  g_assert_cmpuint (phone_total, >=, 2);
  first = g_list_model_get_item (theirs, 0);
  g_assert_cmpstr (bbh_memo_get_text (first), ==, "second memo, written by the test");

  search (page, phone);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_memos_page_get_phone (AGENT_MEMOS_PAGE (page)), phone) == 0 &&
                   g_list_model_get_n_items (model) == phone_total &&
                   first_row_is (model, bbh_memo_get_id (first)), DAY_WAIT_MS);
  g_assert_cmpstr (notes_state (page), ==, "list");
  g_assert_cmpuint (day_count_requests (f, "getMemos", "phoneNum", phone), >=, 1);
  for (guint i = 0; i < phone_total && i < 30; i++)
    {
      BbhMemo *memo;

      TEST_WAIT_UNTIL (agent_paged_model_is_loaded (AGENT_PAGED_MODEL (model), i), DAY_WAIT_MS);
      memo = agent_paged_model_peek_item (AGENT_PAGED_MODEL (model), i);
      g_assert_cmpstr (bbh_memo_get_phone (memo), ==, phone);
    }

  /* A number nobody wrote about: the empty state, in words. */
  {
    g_autofree char *nobody = day_unique_phone ();

    search (page, nobody);
    TEST_WAIT_UNTIL (g_strcmp0 (notes_state (page), "empty") == 0, DAY_WAIT_MS);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
}

static void
test_lists (DayFixture    *f,
            gconstpointer  data)
{
  day_run (f, lists_body);
}

/* ---- a memo written on the page ---- */

static gboolean
has_reminder (AgentReminders *reminders,
              const char     *phone,
              const char     *customer_phone,
              gint64          due_ms)
{
  GListModel *model = agent_reminders_get_model (reminders);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AgentReminder) r = g_list_model_get_item (model, i);

      if (g_strcmp0 (agent_reminder_get_phone (r), phone) == 0 &&
          g_strcmp0 (agent_reminder_get_customer_phone (r), customer_phone) == 0 &&
          agent_reminder_get_due_ms (r) == due_ms)
        return TRUE;
    }
  return FALSE;
}

static void
add_body (AgentApplication *app,
          gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *phone = day_unique_phone ();
  g_autofree char *call = day_unique_phone ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) due = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                    g_date_time_get_month (tomorrow),
                                                    g_date_time_get_day_of_month (tomorrow),
                                                    10, 30, 0);
  g_autofree char *due_text = g_date_time_format (due, "%Y-%m-%d %H:%M:%S");
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(BbhMemo) memo = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *hint_phone = NULL;
  g_autofree char *hint_time = NULL;
  const char *text = "客户要报价单，明天上午回电 ✓";
  AgentReminders *reminders = agent_reminders_get_for_application (G_APPLICATION (app));
  AgentMemosPage *page;
  GListModel *model;
  GtkLabel *error_label;
  guint64 total = 0;
  BbhMemo *row;

  day_wait_logged_in (app);
  g_assert_nonnull (reminders);
  day_show_page (f, app, "memos", &lines);
  page = AGENT_MEMOS_PAGE (day_page (app, "memos"));
  model = agent_memos_page_get_memos (page);
  error_label = test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "compose_error");

  search (GTK_WIDGET (page), phone);
  TEST_WAIT_UNTIL (g_strcmp0 (notes_state (GTK_WIDGET (page)), "empty") == 0, DAY_WAIT_MS);

  /* New Memo starts with the number searched. */
  gtk_toggle_button_set_active (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "compose_button"),
                                TRUE);
  g_assert_cmpstr (gtk_editable_get_text (test_template_child (page, AGENT_TYPE_MEMOS_PAGE,
                                                               "number_entry")), ==, phone);

  /* Nothing written: refused in words, nothing sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memos.save", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), !=, "");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (test_template_child (page,
                                                                           AGENT_TYPE_MEMOS_PAGE,
                                                                           "text_view")),
                            text, -1);
  gtk_check_button_set_active (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "remind_check"),
                               TRUE);

  /* A reminder in the past: refused too. */
  gtk_calendar_select_day (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "calendar"), now);
  gtk_spin_button_set_value (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "hour_spin"), 0);
  gtk_spin_button_set_value (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "minute_spin"), 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "memos.save", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpuint (day_count_requests (f, "addMemo", NULL, NULL), ==, 0);

  /* Tomorrow 10:30, to call another number. */
  gtk_calendar_select_day (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "calendar"), due);
  gtk_spin_button_set_value (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "hour_spin"), 10);
  gtk_spin_button_set_value (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "minute_spin"), 30);
  gtk_editable_set_text (test_template_child (page, AGENT_TYPE_MEMOS_PAGE, "remind_phone_entry"),
                         call);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memos.save", NULL));

  /* It reaches the server through the outbox, and the list shows it. */
  TEST_WAIT_UNTIL (day_count_requests (f, "addMemo", "cdrPhone", phone) >= 1 &&
                   agent_outbox_get_pending (day_outbox (app)) == 0, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (g_list_model_get_n_items (model) == 1 &&
                   agent_paged_model_is_loaded (AGENT_PAGED_MODEL (model), 0), DAY_WAIT_MS);
  row = agent_paged_model_peek_item (AGENT_PAGED_MODEL (model), 0);
  g_assert_cmpstr (bbh_memo_get_text (row), ==, text);
  g_assert_cmpstr (notes_state (GTK_WIDGET (page)), ==, "list");

  /* Exactly once, with its reminder. */
  g_assert_cmpuint (day_count_requests (f, "addMemo", "cdrPhone", phone), ==, 1);
  stored = server_memos (f, phone, &total);
  g_assert_cmpuint (total, ==, 1);
  memo = g_list_model_get_item (stored, 0);
  g_assert_cmpstr (bbh_memo_get_text (memo), ==, text);
  hint = bbh_memo_dup_field (memo, "nhtIsHint");
  hint_phone = bbh_memo_dup_field (memo, "nhtPhone");
  hint_time = bbh_memo_dup_field (memo, "nhtTime");
  g_assert_cmpstr (hint, ==, "1");
  g_assert_cmpstr (hint_phone, ==, call);
  g_assert_cmpstr (hint_time, ==, due_text);

  /* The form is done with; this desktop keeps the reminder, and stays up for it. */
  g_assert_false (gtk_toggle_button_get_active (test_template_child (page, AGENT_TYPE_MEMOS_PAGE,
                                                                     "compose_button")));
  TEST_WAIT_UNTIL (has_reminder (reminders, call, phone, g_date_time_to_unix (due) * 1000),
                   DAY_WAIT_MS);
  g_assert_true (agent_reminders_get_holding (reminders));
  g_assert_cmpuint (day_count_requests (f, "addMemo", "cdrPhone", phone), ==, 1);
}

static void
test_add (DayFixture    *f,
          gconstpointer  data)
{
  day_run (f, add_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-memos-page-state-XXXXXX", NULL);

  /* The outbox and the reminders live in $XDG_STATE_HOME: never the developer's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/memos-page/lists", DayFixture, NULL, day_fixture_setup, test_lists,
              day_fixture_teardown);
  g_test_add ("/agent/memos-page/add", DayFixture, NULL, day_fixture_setup, test_add,
              day_fixture_teardown);

  return g_test_run ();
}
