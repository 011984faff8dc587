/* test-history.c — the call history page against a real sandbox: its rows, its filters (as
 * requests the server received and as the rows shown), paging on scroll, the total, the
 * `play-recording` action's trace and recording downloads
 *
 * The real application runs under Xvfb; the test keeps a BbhClient of its own to ask the
 * server the same questions independently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "agent-application.h"
#include "agent-history-page.h"
#include "agent-trace.h"
#include "agent-window.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define ADMIN_ACCOUNT  "100008899"
#define ADMIN_PASSWORD "800ing-admin"
#define WAIT_MS        20000

typedef struct
{
  TestSandbox *sandbox;
  BbhClient   *client;      /* the test's own view of the server */
  char        *password_file;
  goffset      trace_offset;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);

  f->sandbox = test_sandbox_new ();
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), DEMO_ACCOUNT, md5);
  f->password_file = test_write_password_file (DEMO_PASSWORD);
  f->trace_offset = test_trace_offset ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->sandbox, test_sandbox_free);
  g_unlink (f->password_file);
  g_free (f->password_file);
}

static void
run_app (Fixture     *f,
         TestAppBody  body)
{
  const char *argv[] = { "--server", test_sandbox_get_url (f->sandbox),
                         "--account", DEMO_ACCOUNT,
                         "--password-file", f->password_file, NULL };

  test_app_run (argv, body, f);
}

static void
run_app_as_admin (Fixture     *f,
                  TestAppBody  body)
{
  g_autofree char *password_file = test_write_password_file (ADMIN_PASSWORD);
  const char *argv[] = { "--server", test_sandbox_get_url (f->sandbox),
                         "--account", ADMIN_ACCOUNT,
                         "--password-file", password_file, NULL };

  test_app_run (argv, body, f);
  g_unlink (password_file);
}

/* ---- the server, seen by the test ---- */

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GListModel *
server_find (Fixture            *f,
             BbhCallRecordQuery *query,
             guint64            *out_total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *rows;

  bbh_client_find_dial_record_async (f->client, query, NULL, on_done_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  rows = bbh_client_find_dial_record_finish (f->client, result, out_total, &error);
  g_assert_no_error (error);
  return rows;
}

/* The params of every request of @method the sandbox served, oldest first. */
static GPtrArray *
server_requests_of (Fixture    *f,
                    const char *method)
{
  g_autoptr(JsonNode) root = test_sandbox_dup_requests (f->sandbox);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *array = NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "requests");
  g_assert_nonnull (array);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *request = json_array_get_object_element (array, i);

      if (request != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (request, "method", ""),
                     method) == 0 &&
          json_object_has_member (request, "params"))
        g_ptr_array_add (found, json_object_ref (json_object_get_object_member (request, "params")));
    }
  return found;
}

static GPtrArray *
server_requests (Fixture *f)
{
  return server_requests_of (f, "findDialrecord");
}

static const char *
param (JsonObject *params,
       const char *name)
{
  return json_object_get_string_member_with_default (params, name, NULL);
}

static JsonObject *
last_request (Fixture *f)
{
  g_autoptr(GPtrArray) requests = server_requests (f);

  g_assert_cmpuint (requests->len, >, 0);
  return json_object_ref (g_ptr_array_index (requests, requests->len - 1));
}

static guint
count_requests (Fixture *f)
{
  g_autoptr(GPtrArray) requests = server_requests (f);

  return requests->len;
}

static JsonObject *
wait_trace (Fixture    *f,
            GPtrArray **lines,
            const char *event,
            const char *field,
            const char *value)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  for (;;)
    {
      JsonObject *found;

      g_clear_pointer (lines, g_ptr_array_unref);
      *lines = test_trace_read (f->trace_offset);
      found = test_trace_find (*lines, event, field, value);
      if (found != NULL)
        return found;
      if (g_get_monotonic_time () > deadline)
        g_error ("No trace event %s %s=%s", event, field ? field : "", value ? value : "");
      test_iterate ();
    }
}

/* ---- the page ---- */

static AgentHistoryPage *
history_page (AgentApplication *app)
{
  GtkWidget *page = agent_window_get_page (agent_application_get_window (app), "history");

  g_assert_true (AGENT_IS_HISTORY_PAGE (page));
  return AGENT_HISTORY_PAGE (page);
}

static gpointer
child_of (AgentHistoryPage *page,
          const char       *name)
{
  return test_template_child (page, AGENT_TYPE_HISTORY_PAGE, name);
}

static void
wait_loaded (AgentHistoryPage *page)
{
  AgentPagedModel *model = agent_history_page_get_model (page);

  TEST_WAIT_UNTIL (agent_paged_model_get_loaded (model) && !agent_paged_model_get_loading (model),
                   WAIT_MS);
}

/* Changes a filter and waits for the rows it brings. */
#define WITH_RELOAD(f, page, change) \
  G_STMT_START { \
    guint _before = count_requests (f); \
    change; \
    TEST_WAIT_UNTIL (count_requests (f) > _before, WAIT_MS); \
    wait_loaded (page); \
  } G_STMT_END

static AgentHistoryPage *
show_history (Fixture          *f,
              AgentApplication *app,
              guint            *out_rows)
{
  g_autoptr(GPtrArray) lines = NULL;
  AgentHistoryPage *page;
  JsonObject *shown;

  TEST_WAIT_UNTIL (agent_session_get_logged_in (agent_application_get_session (app)), WAIT_MS);
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                  g_variant_new_string ("history"));
  shown = wait_trace (f, &lines, "page-shown", "page", "history");
  page = history_page (app);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait_loaded (page);
  if (out_rows != NULL)
    *out_rows = json_object_get_int_member (shown, "rows");
  return page;
}

static BbhCallRecord *
row (AgentHistoryPage *page,
     guint             position)
{
  BbhCallRecord *record = agent_paged_model_peek_item (agent_history_page_get_model (page),
                                                       position);

  g_assert_nonnull (record);
  return record;
}

static guint
n_rows (AgentHistoryPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (agent_history_page_get_model (page)));
}

static guint
n_loaded (AgentHistoryPage *page)
{
  return agent_paged_model_get_n_loaded (agent_history_page_get_model (page));
}

/* Rows ------------------------------------------------------------------------------------- */

static void
rows_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GListModel) expected = NULL;
  g_autoptr(JsonObject) request = NULL;
  AgentHistoryPage *page;
  guint64 total = 0;
  guint shown_rows = 0;
  g_autofree char *total_text = NULL;
  const char *label;

  page = show_history (f, app, &shown_rows);

  /* What the server holds for this agent, asked independently. */
  bbh_call_record_query_set_page (query, 0, 100);
  expected = server_find (f, query, &total);
  g_assert_cmpuint (total, >, 100);

  g_assert_cmpuint (n_rows (page), ==, total);
  g_assert_cmpuint (agent_paged_model_get_total (agent_history_page_get_model (page)), ==, total);
  g_assert_cmpuint (shown_rows, ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(BbhCallRecord) want = g_list_model_get_item (expected, i);
      BbhCallRecord *got = row (page, i);

      g_assert_cmpint (bbh_call_record_get_id (got), ==, bbh_call_record_get_id (want));
      g_assert_cmpstr (bbh_call_record_get_phone (got), ==, bbh_call_record_get_phone (want));
      /* An agent sees their own calls. */
      g_assert_cmpstr (bbh_call_record_get_extension (got), ==, DEMO_ACCOUNT);
    }

  /* The total is on screen. */
  label = gtk_label_get_label (child_of (page, "total_label"));
  total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);
  {
    /* The label groups digits for the locale; compare the digits only. */
    GString *digits = g_string_new (NULL);

    for (const char *p = label; *p; p++)
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    g_assert_cmpstr (digits->str, ==, total_text);
    g_string_free (digits, TRUE);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (page, "stack")), ==, "list");

  /* The first request asked for the first page and nothing else; no filters by default. */
  request = last_request (f);
  g_assert_cmpstr (param (request, "start"), ==, "0");
  g_assert_cmpstr (param (request, "limit"), ==, "100");
  g_assert_null (param (request, "cdrPeer"));
  g_assert_null (param (request, "phoneNum"));
  g_assert_null (param (request, "talktime"));
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, rows_body);
}

/* Filters ---------------------------------------------------------------------------------- */

static void
filters_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  guint all = n_rows (page);
  g_autofree char *phone = NULL;
  JsonObject *request;

  /* Direction: incoming. */
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "direction_dropdown"), 1));
  request = last_request (f);
  g_assert_cmpstr (param (request, "cdrPeer"), ==, "2");
  json_object_unref (request);
  g_assert_cmpuint (n_rows (page), >, 0);
  g_assert_cmpuint (n_rows (page), <, all);
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    g_assert_cmpint (bbh_call_record_get_direction (row (page, i)), ==, BBH_CALL_DIRECTION_IN);

  /* And outgoing. */
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "direction_dropdown"), 2));
  request = last_request (f);
  g_assert_cmpstr (param (request, "cdrPeer"), ==, "1");
  json_object_unref (request);
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    g_assert_cmpint (bbh_call_record_get_direction (row (page, i)), ==, BBH_CALL_DIRECTION_OUT);
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "direction_dropdown"), 0));
  g_assert_cmpuint (n_rows (page), ==, all);

  /* Talk time over 30 s. */
  gtk_spin_button_set_value (child_of (page, "talk_spin"), 30);
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "talk_dropdown"), 1));
  request = last_request (f);
  g_assert_cmpstr (param (request, "talktimeSql"), ==, "0");
  g_assert_cmpstr (param (request, "talktime"), ==, "30");
  json_object_unref (request);
  g_assert_cmpuint (n_rows (page), >, 0);
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    g_assert_cmpint (bbh_call_record_get_talk_time (row (page, i)), >=, 30);

  /* Under 20 s: the spin button changes the request too. */
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "talk_dropdown"), 2));
  WITH_RELOAD (f, page, gtk_spin_button_set_value (child_of (page, "talk_spin"), 20));
  request = last_request (f);
  g_assert_cmpstr (param (request, "talktimeSql"), ==, "1");
  g_assert_cmpstr (param (request, "talktime"), ==, "20");
  json_object_unref (request);
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    g_assert_cmpint (bbh_call_record_get_talk_time (row (page, i)), <, 20);
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "talk_dropdown"), 0));
  g_assert_cmpuint (n_rows (page), ==, all);

  /* A number: only its calls. */
  phone = g_strdup (bbh_call_record_get_phone (row (page, 0)));
  WITH_RELOAD (f, page, gtk_editable_set_text (child_of (page, "number_entry"), phone));
  request = last_request (f);
  g_assert_cmpstr (param (request, "phoneNum"), ==, phone);
  json_object_unref (request);
  g_assert_cmpuint (n_rows (page), >=, 1);
  g_assert_cmpuint (n_rows (page), <, all);
  for (guint i = 0; i < n_rows (page); i++)
    g_assert_cmpstr (bbh_call_record_get_phone (row (page, i)), ==, phone);

  /* Something that is no number is not sent; the entry says so. (Clearing the entry on the
   * way reloads at once, as GtkSearchEntry does for an empty text.) */
  WITH_RELOAD (f, page, gtk_editable_set_text (child_of (page, "number_entry"), ""));
  {
    guint before = count_requests (f);

    gtk_editable_set_text (child_of (page, "number_entry"), "abc");
    TEST_WAIT_UNTIL (gtk_widget_has_css_class (child_of (page, "number_entry"), "error"), WAIT_MS);
    g_assert_cmpuint (count_requests (f), ==, before);
  }
  WITH_RELOAD (f, page, gtk_editable_set_text (child_of (page, "number_entry"), ""));
  g_assert_false (gtk_widget_has_css_class (child_of (page, "number_entry"), "error"));
  g_assert_cmpuint (n_rows (page), ==, all);

  /* Today: a time range from midnight, and only today's calls. */
  WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "range_dropdown"), 1));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *midnight = g_date_time_format (now, "%Y-%m-%d 00:00:00");
    g_autofree char *last = g_date_time_format (now, "%Y-%m-%d 23:59:59");
    const char *start;

    request = last_request (f);
    start = param (request, "startTime") ? param (request, "startTime") : param (request, "statrTime");
    g_assert_cmpstr (start, ==, midnight);
    g_assert_cmpstr (param (request, "endTime"), ==, last);
    json_object_unref (request);

    for (guint i = 0; i < MIN (n_rows (page), 100); i++)
      {
        g_autoptr(GDateTime) when = g_date_time_to_local (bbh_call_record_get_start_date_time (row (page, i)));

        g_assert_cmpint (g_date_time_get_day_of_year (when), ==, g_date_time_get_day_of_year (now));
      }
  }
  g_assert_cmpuint (n_rows (page), <, all);

  /* Custom dates: the two calendars. */
  {
    GtkCalendar *from = child_of (page, "from_calendar");
    GtkCalendar *to = child_of (page, "to_calendar");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) first = g_date_time_add_days (now, -10);
    g_autoptr(GDateTime) second = g_date_time_add_days (now, -3);
    g_autofree char *expect_start = g_date_time_format (first, "%Y-%m-%d 00:00:00");
    g_autofree char *expect_end = g_date_time_format (second, "%Y-%m-%d 23:59:59");
    const char *start;

    gtk_calendar_select_day (from, first);
    gtk_calendar_select_day (to, second);
    WITH_RELOAD (f, page, gtk_drop_down_set_selected (child_of (page, "range_dropdown"), 4));
    g_assert_true (gtk_widget_get_visible (child_of (page, "custom_box")));
    request = last_request (f);
    start = param (request, "startTime") ? param (request, "startTime") : param (request, "statrTime");
    g_assert_cmpstr (start, ==, expect_start);
    g_assert_cmpstr (param (request, "endTime"), ==, expect_end);
    json_object_unref (request);
    for (guint i = 0; i < MIN (n_rows (page), 100); i++)
      {
        GDateTime *when = bbh_call_record_get_start_date_time (row (page, i));

        g_assert_cmpint (g_date_time_to_unix (when), >=, g_date_time_to_unix (first) - 86400);
        g_assert_cmpint (g_date_time_to_unix (when), <=, g_date_time_to_unix (second) + 86400);
      }
  }

  /* An agent has no agents filter. */
  g_assert_false (gtk_widget_get_visible (child_of (page, "agents_entry")));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  run_app (f, filters_body);
}

/* Paging ----------------------------------------------------------------------------------- */

static gboolean
requested_start (Fixture *f,
                 guint    min_start)
{
  g_autoptr(GPtrArray) requests = server_requests (f);

  for (guint i = 0; i < requests->len; i++)
    {
      const char *start = param (g_ptr_array_index (requests, i), "start");

      if (start != NULL && g_ascii_strtoull (start, NULL, 10) >= min_start)
        return TRUE;
    }
  return FALSE;
}

static void
paging_body (AgentApplication *app,
             gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  GtkAdjustment *vadjustment;
  guint total = n_rows (page);
  guint before;

  g_assert_cmpuint (total, >, 300);
  /* Let the list settle: what is on screen is the first page, and nothing more was asked. */
  for (guint i = 0; i < 10; i++)
    test_iterate ();
  g_assert_cmpuint (n_loaded (page), ==, 100);
  g_assert_false (requested_start (f, 100));

  /* Scrolling to the end fetches the end, not everything before it. */
  vadjustment = gtk_scrolled_window_get_vadjustment (child_of (page, "scrolled_window"));
  TEST_WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment),
                   WAIT_MS);
  before = count_requests (f);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  TEST_WAIT_UNTIL (agent_paged_model_is_loaded (agent_history_page_get_model (page), total - 1),
                   WAIT_MS);
  g_assert_true (requested_start (f, (total - 1) / 100 * 100));
  g_assert_cmpuint (count_requests (f) - before, <=, 3);
  g_assert_cmpuint (n_loaded (page), <, total);
  {
    /* The last row is the server's last row. */
    g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
    g_autoptr(GListModel) last = NULL;
    g_autoptr(BbhCallRecord) want = NULL;

    bbh_call_record_query_set_page (query, total - 1, 1);
    last = server_find (f, query, NULL);
    want = g_list_model_get_item (last, 0);
    g_assert_cmpint (bbh_call_record_get_id (row (page, total - 1)), ==,
                     bbh_call_record_get_id (want));
  }

  /* Scrolling back to the second page fetches it, once. */
  gtk_adjustment_set_value (vadjustment,
                            gtk_adjustment_get_upper (vadjustment) * 130.0 / total);
  TEST_WAIT_UNTIL (agent_paged_model_is_loaded (agent_history_page_get_model (page), 130), WAIT_MS);
  g_assert_true (requested_start (f, 100));
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, paging_body);
}

/* play-recording ----------------------------------------------------------------------------- */

static BbhCallRecord *
find_recorded_call (Fixture *f)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GListModel) records = NULL;

  bbh_call_record_query_set_page (query, 0, 300);
  records = server_find (f, query, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(BbhCallRecord) record = g_list_model_get_item (records, i);

      if (bbh_call_record_has_recording (record) && bbh_call_record_get_talk_time (record) >= 8)
        return g_steal_pointer (&record);
    }
  g_assert_not_reached ();
}

static guint
count_states (GPtrArray  *lines,
              const char *cdr_id,
              const char *state)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", ""), "playback-state") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (line, "cdrId", ""), cdr_id) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (line, "state", ""), state) == 0)
        n++;
    }
  return n;
}

static void
play_recording_body (AgentApplication *app,
                     gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCallRecord) record = find_recorded_call (f);
  g_autofree char *cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_call_record_get_id (record));
  g_autoptr(GPtrArray) lines = NULL;
  AgentHistoryPage *page;
  AgentPlayer *player;
  JsonObject *line;
  gint64 deadline;

  TEST_WAIT_UNTIL (agent_session_get_logged_in (agent_application_get_session (app)), WAIT_MS);
  f->trace_offset = test_trace_offset ();

  /* As `gapplication action org.babaihu.Agent play-recording "'ID'"` does. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "play-recording",
                                  g_variant_new_string (cdr_id));
  line = wait_trace (f, &lines, "playback-state", "cdrId", cdr_id);
  g_assert_cmpstr (json_object_get_string_member (line, "state"), ==, "loading");
  g_assert_true (json_object_has_member (line, "position_ms"));

  /* Playing, with the position once a second. */
  deadline = g_get_monotonic_time () + WAIT_MS * 1000;
  for (;;)
    {
      agent_trace_flush ();
      g_clear_pointer (&lines, g_ptr_array_unref);
      lines = test_trace_read (f->trace_offset);
      if (count_states (lines, cdr_id, "playing") >= 3)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_iterate ();
    }
  {
    gint64 last_position = -1;

    for (guint i = 0; i < lines->len; i++)
      {
        JsonObject *l = g_ptr_array_index (lines, i);

        if (g_strcmp0 (json_object_get_string_member_with_default (l, "state", ""), "playing") == 0)
          {
            gint64 position = json_object_get_int_member (l, "position_ms");

            g_assert_cmpint (position, >=, last_position);
            last_position = position;
          }
      }
    g_assert_cmpint (last_position, >, 0);
  }
  g_assert_cmpuint (count_states (lines, cdr_id, "error"), ==, 0);

  /* The page with the player is shown, the player bar says what plays. */
  page = history_page (app);
  g_assert_cmpstr (agent_window_get_page_name (agent_application_get_window (app)), ==, "history");
  player = agent_player_bar_get_player (agent_history_page_get_player_bar (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (agent_history_page_get_player_bar (page))));
  g_assert_cmpstr (agent_player_get_cdr_id (player), ==, cdr_id);

  /* The bar's keys and speed menu: → jumps 5 s, the menu's 1.5× reaches the pipeline. */
  {
    AgentPlayerBar *bar = agent_history_page_get_player_bar (page);
    gint64 before = agent_player_get_position (player);

    gtk_widget_activate_action (GTK_WIDGET (bar), "player.forward", NULL);
    g_assert_cmpint (agent_player_get_position (player), >=, before + 4500);
    gtk_widget_activate_action (GTK_WIDGET (bar), "player.speed", "d", 1.5);
    g_assert_cmpfloat (agent_player_get_rate (player), ==, 1.5);
    TEST_WAIT_UNTIL (agent_player_query_segment_rate (player) == 1.5, WAIT_MS);
    gtk_widget_activate_action (GTK_WIDGET (bar), "player.speed", "d", 1.0);
  }

  /* Pause, then to the end. */
  gtk_widget_activate_action (GTK_WIDGET (agent_history_page_get_player_bar (page)),
                              "player.toggle", NULL);
  wait_trace (f, &lines, "playback-state", "state", "paused");
  agent_player_seek (player, agent_player_get_duration (player) - 800);
  gtk_widget_activate_action (GTK_WIDGET (agent_history_page_get_player_bar (page)),
                              "player.toggle", NULL);
  line = wait_trace (f, &lines, "playback-state", "state", "ended");
  g_assert_cmpstr (json_object_get_string_member (line, "cdrId"), ==, cdr_id);
  g_assert_cmpint (json_object_get_int_member (line, "position_ms"), ==,
                   agent_player_get_duration (player));

  /* A call that does not exist: error, with the reason in words. */
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "play-recording",
                                  g_variant_new_string ("999999999"));
  line = wait_trace (f, &lines, "playback-state", "state", "error");
  g_assert_cmpstr (json_object_get_string_member (line, "cdrId"), ==, "999999999");
  g_assert_cmpstr (json_object_get_string_member (line, "reason"), ==,
                   "There is no call with this id.");
}

static void
test_play_recording (Fixture       *f,
                     gconstpointer  data)
{
  run_app (f, play_recording_body);
}

/* Download --------------------------------------------------------------------------------- */

typedef struct
{
  gboolean done;
  GError  *error;
  guint    progress_notes;
  double   max_fraction;
} DownloadWatch;

static void
on_download_finished_cb (AgentRecordingDownload *download,
                         const GError           *error,
                         DownloadWatch          *watch)
{
  watch->done = TRUE;
  if (error != NULL)
    watch->error = g_error_copy (error);
}

static void
on_fraction_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                DownloadWatch  *watch)
{
  watch->progress_notes++;
  watch->max_fraction = MAX (watch->max_fraction, gtk_progress_bar_get_fraction (bar));
}

static GBytes *
fetch_directly (Fixture    *f,
                const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_done_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, 60000);
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return bytes;
}

static void
download_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  g_autoptr(BbhCallRecord) record = find_recorded_call (f);
  g_autofree char *dir = g_dir_make_tmp ("history-download-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "call.mp3", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autofree char *url = bbh_client_dup_mp3_url (f->client, bbh_call_record_get_id (record));
  g_autoptr(GBytes) served = NULL;
  g_autofree char *written = NULL;
  gsize length = 0;
  AgentHistoryPage *page = show_history (f, app, NULL);
  AgentRecordingDownload *download;
  DownloadWatch watch = { 0 };
  GtkProgressBar *bar = child_of (page, "download_progress");

  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction_cb), &watch);
  download = agent_history_page_download_to (page, record, dest);
  g_assert_nonnull (download);
  g_signal_connect (download, "finished", G_CALLBACK (on_download_finished_cb), &watch);
  g_assert_true (gtk_revealer_get_reveal_child (child_of (page, "download_revealer")));

  TEST_WAIT_UNTIL (watch.done, 60000);
  g_assert_no_error (watch.error);
  g_signal_handlers_disconnect_by_data (bar, &watch);

  /* Progress was shown, up to the whole file, and then the bar goes. */
  g_assert_cmpuint (watch.progress_notes, >, 0);
  g_assert_cmpfloat (watch.max_fraction, ==, 1.0);
  g_assert_cmpint (agent_recording_download_get_received (download), >, 0);
  g_assert_false (gtk_revealer_get_reveal_child (child_of (page, "download_revealer")));

  /* The exact bytes the server serves. */
  served = fetch_directly (f, url);
  g_assert_true (g_file_get_contents (path, &written, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (served));
  g_assert_cmpmem (written, length, g_bytes_get_data (served, NULL), g_bytes_get_size (served));
  g_assert_cmpint (agent_recording_download_get_received (download), ==, (gint64) length);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  run_app (f, download_body);
}

/* Administrators ----------------------------------------------------------------------------- */

static AdwMessageDialog *
find_dialog (AgentApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
admin_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *phone = NULL;
  guint all = n_rows (page);
  gboolean other_agents = FALSE;

  /* The company's calls: more than one agent's, with the agent filter and column. */
  g_assert_true (gtk_widget_get_visible (child_of (page, "agents_entry")));
  g_assert_true (gtk_column_view_column_get_visible (child_of (page, "agent_column")));
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    if (g_strcmp0 (bbh_call_record_get_extension (row (page, i)), DEMO_ACCOUNT) != 0)
      other_agents = TRUE;
  g_assert_true (other_agents);

  /* One agent: the extension goes to the server, and only that agent's calls come back. */
  gtk_editable_set_text (child_of (page, "agents_entry"), "800");
  WITH_RELOAD (f, page, g_signal_emit_by_name (child_of (page, "agents_entry"), "activate"));
  request = last_request (f);
  g_assert_cmpstr (param (request, "extension"), ==, "800");
  g_assert_cmpuint (n_rows (page), >, 0);
  g_assert_cmpuint (n_rows (page), <, all);
  for (guint i = 0; i < MIN (n_rows (page), 100); i++)
    g_assert_cmpstr (bbh_call_record_get_extension (row (page, i)), ==, DEMO_ACCOUNT);

  /* Blocking a number asks first; cancelling sends nothing, confirming sends it. */
  phone = g_strdup (bbh_call_record_get_phone (row (page, 0)));
  gtk_widget_activate_action (GTK_WIDGET (page), "history.block", "u", 0);
  TEST_WAIT_UNTIL ((dialog = find_dialog (app)) != NULL, WAIT_MS);
  adw_message_dialog_response (dialog, "cancel");
  blocks = server_requests_of (f, "addBlacklists");
  g_assert_cmpuint (blocks->len, ==, 0);
  g_clear_pointer (&blocks, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (page), "history.block", "u", 0);
  TEST_WAIT_UNTIL ((dialog = find_dialog (app)) != NULL, WAIT_MS);
  adw_message_dialog_response (dialog, "block");
  for (;;)
    {
      blocks = server_requests_of (f, "addBlacklists");
      if (blocks->len > 0)
        break;
      g_clear_pointer (&blocks, g_ptr_array_unref);
      test_iterate ();
    }
  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (param (g_ptr_array_index (blocks, 0), "phones"), ==, phone);
}

static void
test_admin (Fixture       *f,
            gconstpointer  data)
{
  run_app_as_admin (f, admin_body);
}

/* A memo from a row ---------------------------------------------------------------------------- */

static gboolean
memo_on_server (Fixture    *f,
                const char *phone,
                const char *text)
{
  g_autoptr(GListModel) memos = test_sandbox_get_memos (f->sandbox, f->client, phone);

  for (guint i = 0; i < g_list_model_get_n_items (memos); i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);

      if (g_strcmp0 (bbh_memo_get_text (memo), text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
memo_body (AgentApplication *app,
           gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  g_autofree char *phone = g_strdup (bbh_call_record_get_phone (row (page, 2)));
  g_autofree char *text = g_strdup_printf ("Called back about the invoice %u", g_random_int ());
  AdwMessageDialog *dialog;
  GtkWidget *scrolled;
  GtkTextBuffer *buffer;
  gint64 deadline;

  gtk_widget_activate_action (GTK_WIDGET (page), "history.memo", "u", 2);
  TEST_WAIT_UNTIL ((dialog = find_dialog (app)) != NULL, WAIT_MS);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), phone) != NULL);
  scrolled = adw_message_dialog_get_extra_child (dialog);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))));
  gtk_text_buffer_set_text (buffer, text, -1);
  adw_message_dialog_response (dialog, "save");

  /* Through the outbox to the server. */
  deadline = g_get_monotonic_time () + WAIT_MS * 1000;
  while (!memo_on_server (f, phone, text))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_iterate ();
    }
}

static void
test_memo (Fixture       *f,
           gconstpointer  data)
{
  run_app (f, memo_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("test-history-state-XXXXXX", NULL);

  /* The outbox lives in $XDG_STATE_HOME: never the developer's own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/agent/history/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/agent/history/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/agent/history/paging", Fixture, NULL, fixture_setup, test_paging, fixture_teardown);
  g_test_add ("/agent/history/play-recording", Fixture, NULL,
              fixture_setup, test_play_recording, fixture_teardown);
  g_test_add ("/agent/history/download", Fixture, NULL,
              fixture_setup, test_download, fixture_teardown);
  g_test_add ("/agent/history/admin", Fixture, NULL, fixture_setup, test_admin, fixture_teardown);
  g_test_add ("/agent/history/memo", Fixture, NULL, fixture_setup, test_memo, fixture_teardown);

  return g_test_run ();
}
