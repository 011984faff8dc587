/* test-sms-page.c — the text messages page against a real babaihu-sandbox
 *
 * 70 characters are counted as characters (Chinese ones too): 70 go out, 71 are refused with
 * nothing sent. A message to two numbers reaches the sandbox once (smsSend with its batch),
 * is recorded once per number (addSmsRecord, through the outbox), and is listed once per
 * number although the event stream echoes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "agent-sms-page.h"
#include "test-day-util.h"

static char *
repeat (const char *text,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, text);
  return g_string_free (s, FALSE);
}

static gboolean
trace_has_event (DayFixture *f,
                 const char *phone,
                 int         kind)
{
  g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", ""),
                     "event-received") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (line, "phone", ""), phone) == 0 &&
          json_object_get_int_member_with_default (line, "kind", 0) == kind)
        return TRUE;
    }
  return FALSE;
}

/* The outbox delivered an SMS record for @phone: the record went through it, on disk. */
static gboolean
trace_has_outbox_record (DayFixture *f,
                         const char *phone)
{
  g_autoptr(GPtrArray) lines = test_trace_read (f->trace_offset);

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", ""),
                     "outbox-delivered") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (line, "kind", ""),
                     "sms-record") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (line, "phone", ""), phone) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
sms_body (AgentApplication *app,
          gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *one = day_unique_phone ();
  g_autofree char *two = day_unique_phone ();
  g_autofree char *seventy = repeat ("好", 70);
  g_autofree char *seventy_one = repeat ("好", 71);
  g_autofree char *to = NULL;
  g_autofree char *batch = NULL;
  GtkTextBuffer *buffer;
  GtkEditable *to_entry;
  GtkLabel *count_label, *hint_label;
  GtkWidget *send_button;
  AgentSmsPage *page;
  GListModel *messages;
  JsonObject *shown;

  day_wait_logged_in (app);
  shown = day_show_page (f, app, "sms", &lines);
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, 0);

  page = AGENT_SMS_PAGE (day_page (app, "sms"));
  messages = agent_sms_page_get_messages (page);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 0);
  to_entry = test_template_child (page, AGENT_TYPE_SMS_PAGE, "to_entry");
  buffer = gtk_text_view_get_buffer (test_template_child (page, AGENT_TYPE_SMS_PAGE, "text_view"));
  count_label = test_template_child (page, AGENT_TYPE_SMS_PAGE, "count_label");
  hint_label = test_template_child (page, AGENT_TYPE_SMS_PAGE, "hint_label");
  send_button = test_template_child (page, AGENT_TYPE_SMS_PAGE, "send_button");

  /* Numbers are checked as typed. */
  gtk_editable_set_text (to_entry, "1380013800x");
  gtk_text_buffer_set_text (buffer, "你好", -1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint_label), "error"));
  g_assert_false (gtk_widget_get_sensitive (send_button));

  to = g_strdup_printf ("%s，%s", one, two);
  gtk_editable_set_text (to_entry, to);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hint_label), "error"));
  g_assert_cmpstr (gtk_label_get_label (hint_label), ==, "To 2 numbers");

  /* 71 characters (213 bytes): counted as 71, refused, nothing sent. */
  gtk_text_buffer_set_text (buffer, seventy_one, -1);
  g_assert_cmpuint (agent_sms_page_get_n_chars (page), ==, 71);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "71/70");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (count_label), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hint_label), "error"));
  g_assert_false (gtk_widget_get_sensitive (send_button));
  gtk_widget_activate_action (GTK_WIDGET (page), "sms.send", NULL);
  g_assert_cmpint (agent_sms_page_get_last_batch (page), ==, 0);

  /* 70 characters: sent, to both numbers, in one request with a batch number. */
  gtk_text_buffer_set_text (buffer, seventy, -1);
  g_assert_cmpuint (agent_sms_page_get_n_chars (page), ==, 70);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "70/70");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (count_label), "error"));
  g_assert_true (gtk_widget_get_sensitive (send_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sms.send", NULL));

  TEST_WAIT_UNTIL (day_count_requests (f, "smsSend", NULL, NULL) >= 1, DAY_WAIT_MS);
  g_assert_cmpint (agent_sms_page_get_last_batch (page), >, 0);
  batch = g_strdup_printf ("%" G_GINT64_FORMAT, agent_sms_page_get_last_batch (page));
  g_assert_cmpuint (day_count_requests (f, "smsSend", "memo", seventy), ==, 1);
  g_assert_cmpuint (day_count_requests (f, "smsSend", "listId", batch), ==, 1);
  /* The one refused never went out. */
  g_assert_cmpuint (day_count_requests (f, "smsSend", NULL, NULL), ==, 1);

  /* Recorded once per number, through the outbox (so an outage or a restart loses none). */
  TEST_WAIT_UNTIL (day_count_requests (f, "addSmsRecord", "phone", one) == 1 &&
                   day_count_requests (f, "addSmsRecord", "phone", two) == 1, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (trace_has_outbox_record (f, one) && trace_has_outbox_record (f, two),
                   DAY_WAIT_MS);
  g_assert_cmpuint (day_count_requests (f, "addSmsRecord", "content", seventy), ==, 2);

  /* Listed once per number, also after the stream's echo of it came in. */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (messages) == 2, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (trace_has_event (f, one, 3) && trace_has_event (f, two, 3), DAY_WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BbhEvent) sent = g_list_model_get_item (messages, i);

      g_assert_cmpint (bbh_event_get_kind (sent), ==, 3);
      g_assert_cmpstr (bbh_event_get_content (sent), ==, seventy);
    }

  /* The form is clear for the next one, and showing the page counts the messages. */
  g_assert_cmpuint (agent_sms_page_get_n_chars (page), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (to_entry), ==, "");
  shown = day_show_page (f, app, "sms", &lines);
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, 2);
  g_assert_cmpuint (day_count_requests (f, "smsSend", NULL, NULL), ==, 1);
}

static void
test_sms (DayFixture    *f,
          gconstpointer  data)
{
  day_run (f, sms_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-sms-page-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/sms-page/count-and-send", DayFixture, NULL, day_fixture_setup, test_sms,
              day_fixture_teardown);

  return g_test_run ();
}
