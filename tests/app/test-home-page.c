/* test-home-page.c — the home page against a real babaihu-sandbox
 *
 * Today's figures are the ones findDialrecord gives for today (counted here on their own),
 * the chart adds up to them, a missed call waits on top to be called back with one click, and
 * the hang-up of that call back takes it off the list without showing the page again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "agent-calls-chart.h"
#include "agent-home-page.h"
#include "test-day-util.h"

typedef struct
{
  guint  total;
  guint  in;
  guint  out;
  guint  missed;
  gint64 talk;
} Expected;

/* Today's calls of @extension, every page of them. */
static GPtrArray *
server_today (DayFixture *f,
              const char *extension,
              guint64    *out_total)
{
  GPtrArray *calls = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);
  const char *extensions[] = { extension, NULL };
  guint64 total = 0;

  do
    {
      g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
      g_autoptr(GListModel) page = NULL;
      g_autoptr(GError) error = NULL;
      DayWait wait = { 0 };

      bbh_call_record_query_set_extensions (query, extensions);
      bbh_call_record_query_set_time_range (query, midnight, tomorrow);
      bbh_call_record_query_set_page (query, calls->len, 100);
      bbh_client_find_dial_record_async (f->client, query, NULL, day_on_done_cb, &wait);
      TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
      page = bbh_client_find_dial_record_finish (f->client, wait.result, &total, &error);
      g_assert_no_error (error);
      g_object_unref (wait.result);
      if (g_list_model_get_n_items (page) == 0)
        break;
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        g_ptr_array_add (calls, g_list_model_get_item (page, i));
    }
  while (calls->len < total);

  if (out_total != NULL)
    *out_total = total;
  return calls;
}

static gboolean
server_has_call (DayFixture *f,
                 const char *extension,
                 const char *phone)
{
  g_autoptr(GPtrArray) calls = server_today (f, extension, NULL);

  for (guint i = 0; i < calls->len; i++)
    if (g_strcmp0 (bbh_call_record_get_phone (g_ptr_array_index (calls, i)), phone) == 0)
      return TRUE;
  return FALSE;
}

/* The page's rules, counted independently: 2 and 5 are incoming; answered means an answer
 * time or talk time (voicemail never is); an incoming call not answered is missed. */
static Expected
expected_today (DayFixture *f,
                const char *extension)
{
  guint64 total = 0;
  g_autoptr(GPtrArray) calls = server_today (f, extension, &total);
  Expected e = { 0 };

  e.total = (guint) total;
  for (guint i = 0; i < calls->len; i++)
    {
      BbhCallRecord *call = g_ptr_array_index (calls, i);
      int peer = bbh_call_record_get_peer (call);
      gboolean in = peer == 2 || peer == 5;
      gboolean answered = peer != 5 && (bbh_call_record_get_talk_time (call) > 0 ||
                                        bbh_call_record_get_success_date_time (call) != NULL);

      if (in)
        e.in++;
      else
        e.out++;
      if (in && !answered)
        e.missed++;
      if (answered)
        e.talk += bbh_call_record_get_talk_time (call);
    }
  return e;
}

static guint
label_number (AgentHomePage *page,
              const char    *name)
{
  GtkLabel *label = test_template_child (page, AGENT_TYPE_HOME_PAGE, name);

  return (guint) g_ascii_strtoull (gtk_label_get_label (label), NULL, 10);
}

static char *
duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60) % 60,
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static GtkWidget *
callback_row (AgentHomePage *page,
              const char    *phone)
{
  GtkWidget *list = test_template_child (page, AGENT_TYPE_HOME_PAGE, "callback_list");

  if (!gtk_widget_get_visible (list))
    return NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "agent-phone"), phone) == 0)
      return row;
  return NULL;
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static gboolean
page_shows (AgentHomePage  *page,
            const Expected *e)
{
  g_autofree char *talk = duration (e->talk);

  return label_number (page, "in_label") == e->in &&
         label_number (page, "out_label") == e->out &&
         label_number (page, "missed_label") == e->missed &&
         g_strcmp0 (gtk_label_get_label (test_template_child (page, AGENT_TYPE_HOME_PAGE,
                                                              "talk_label")), talk) == 0;
}

static void
home_body (AgentApplication *app,
           gpointer          user_data)
{
  DayFixture *f = user_data;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *missed = day_unique_phone ();
  g_autofree char *answered = day_unique_phone ();
  g_autofree char *placed = day_unique_phone ();
  const char *extension;
  AgentCallsChart *chart;
  AgentHomePage *page;
  JsonObject *shown;
  Expected e;
  guint sum = 0, chart_missed = 0;
  GtkWidget *row;

  day_wait_logged_in (app);
  extension = bbh_extension_get_extension (agent_session_get_extension (agent_application_get_session (app)));

  /* Today, one after the other: a call nobody answered, one answered, one the agent placed. */
  test_sandbox_call (f->sandbox, extension, missed, "in", 200, 0, FALSE);
  TEST_WAIT_UNTIL (server_has_call (f, extension, missed), DAY_WAIT_MS);
  test_sandbox_call (f->sandbox, extension, answered, "in", 200, 1500, FALSE);
  TEST_WAIT_UNTIL (server_has_call (f, extension, answered), DAY_WAIT_MS);
  test_sandbox_call (f->sandbox, extension, placed, "out", 200, 1200, FALSE);
  TEST_WAIT_UNTIL (server_has_call (f, extension, placed), DAY_WAIT_MS);

  e = expected_today (f, extension);
  g_assert_cmpuint (e.in, >=, 2);
  g_assert_cmpuint (e.out, >=, 1);
  g_assert_cmpuint (e.missed, >=, 1);

  /* The same counts as findDialrecord for today; rows = today's calls. */
  shown = day_show_page (f, app, "home", &lines);
  g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, e.total);
  page = AGENT_HOME_PAGE (day_page (app, "home"));
  g_assert_true (page_shows (page, &e));
  g_assert_cmpuint (agent_home_page_get_n_calls (page), ==, e.total);
  g_assert_cmpuint (g_list_model_get_n_items (agent_home_page_get_calls (page)), ==, MIN (e.total, 50));
  g_assert_cmpuint (agent_home_page_get_counts (page)->missed, ==, e.missed);

  /* The chart adds up to the day. */
  chart = test_template_child (page, AGENT_TYPE_HOME_PAGE, "chart");
  for (guint hour = 0; hour < AGENT_CALLS_CHART_HOURS; hour++)
    {
      sum += agent_calls_chart_get_answered (chart, hour) + agent_calls_chart_get_missed (chart, hour) +
             agent_calls_chart_get_unanswered (chart, hour);
      chart_missed += agent_calls_chart_get_missed (chart, hour);
    }
  g_assert_cmpuint (sum, ==, e.total);
  g_assert_cmpuint (chart_missed, ==, e.missed);

  /* The missed call waits on top; the others do not. */
  row = callback_row (page, missed);
  g_assert_nonnull (row);
  g_assert_null (callback_row (page, answered));
  g_assert_null (callback_row (page, placed));

  /* One click calls back; its hang-up refreshes the page, and the number is off the list. */
  g_assert_nonnull (find_button (row));
  gtk_widget_activate (find_button (row));
  TEST_WAIT_UNTIL (day_count_requests (f, "callbackPhone", "descPhone", missed) == 1, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (server_has_call (f, extension, missed) &&
                   expected_today (f, extension).out == e.out + 1, DAY_WAIT_MS);
  TEST_WAIT_UNTIL (callback_row (page, missed) == NULL, DAY_WAIT_MS);
  e = expected_today (f, extension);
  TEST_WAIT_UNTIL (page_shows (page, &e), DAY_WAIT_MS);

  /* A busy day: the list keeps to the newest 50 and says where the rest are; the figures
   * still count every call. */
  {
    guint extra = e.total < 60 ? 60 - e.total : 1;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now),
                                                           g_date_time_get_day_of_month (now),
                                                           0, 0, 0);
    g_autofree char *newest_phone = NULL;
    g_autofree char *more = NULL;
    g_autoptr(BbhCallRecord) first = NULL;
    GListModel *listed;
    GtkLabel *more_label;

    for (guint i = 0; i < extra; i++)
      {
        g_autoptr(BbhCdrUpload) upload = bbh_cdr_upload_new (g_get_real_time () + i);
        g_autofree char *phone = day_unique_phone ();
        DayWait wait = { 0 };
        g_autoptr(GError) error = NULL;
        /* Spread over the day so far, the last one the newest of all. */
        gint64 seconds = g_date_time_difference (now, midnight) / G_USEC_PER_SEC;
        gint64 at = i + 1 == extra ? seconds - 1 : (seconds - 60) * i / extra;

        upload->phone = g_strdup (phone);
        upload->peer = 2;
        upload->answer = 1;
        upload->talk_time = 10;
        upload->start_time = g_date_time_add_seconds (midnight, (double) MAX (at, 0));
        upload->success_time = g_date_time_add_seconds (upload->start_time, 5);
        upload->hangup_time = g_date_time_add_seconds (upload->start_time, 15);
        if (i + 1 == extra)
          newest_phone = g_strdup (phone);
        bbh_client_add_cdr_record_async (f->client, upload, NULL, day_on_done_cb, &wait);
        TEST_WAIT_UNTIL (wait.done, DAY_WAIT_MS);
        g_assert_true (bbh_client_add_cdr_record_finish (f->client, wait.result, &error));
        g_assert_no_error (error);
        g_object_unref (wait.result);
      }

    e = expected_today (f, extension);
    g_assert_cmpuint (e.total, >, 50);
    shown = day_show_page (f, app, "home", &lines);
    g_assert_cmpint (json_object_get_int_member (shown, "rows"), ==, e.total);
    TEST_WAIT_UNTIL (agent_home_page_get_n_calls (page) == e.total, DAY_WAIT_MS);
    g_assert_true (page_shows (page, &e));

    listed = agent_home_page_get_calls (page);
    g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 50);
    first = g_list_model_get_item (listed, 0);
    g_assert_cmpstr (bbh_call_record_get_phone (first), ==, newest_phone);
    for (guint i = 1; i < 50; i++)
      {
        g_autoptr(BbhCallRecord) older = g_list_model_get_item (listed, i);

        g_assert_cmpint (g_date_time_compare (bbh_call_record_get_start_date_time (older),
                                              bbh_call_record_get_start_date_time (first)), <=, 0);
      }

    more_label = test_template_child (page, AGENT_TYPE_HOME_PAGE, "more_label");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (more_label)));
    more = g_strdup_printf ("%u more", e.total - 50);
    g_assert_nonnull (strstr (gtk_label_get_label (more_label), more));
  }

  day_close_popups (app);
}

static void
test_home (DayFixture    *f,
           gconstpointer  data)
{
  day_run (f, home_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-home-page-state-XXXXXX", NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_RING_MS", "300", TRUE);
  g_setenv ("BABAIHU_SANDBOX_CALLBACK_TALK_MS", "900", TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A missed call is announced: something has to take the notification. */
  day_start_notification_server ();

  g_test_add ("/agent/home-page/today", DayFixture, NULL, day_fixture_setup, test_home,
              day_fixture_teardown);

  return g_test_run ();
}
