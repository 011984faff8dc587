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
#include "agent-history-page-private.h"
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

/* The history page's own requests: the ones without the home page's date range. */
static GPtrArray *
history_requests (Fixture *f)
{
  g_autoptr(GPtrArray) requests = server_requests (f);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *params = g_ptr_array_index (requests, i);

      if (param (params, "startTime") == NULL && param (params, "statrTime") == NULL &&
          param (params, "scdrId") == NULL)
        g_ptr_array_add (found, json_object_ref (params));
    }
  return found;
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

  /* The pages just ahead are asked for from an idle after a page arrives: settled is when a
   * few turns of the main loop start no request. */
  for (;;)
    {
      TEST_WAIT_UNTIL (agent_paged_model_get_loaded (model) && !agent_paged_model_get_loading (model),
                       WAIT_MS);
      for (guint i = 0; i < 5; i++)
        test_iterate ();
      if (!agent_paged_model_get_loading (model))
        break;
    }
  /* The list shows a new answer's rows a few dozen a frame: all of them, by now. */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (child_of (page, "column_view")))) ==
                   g_list_model_get_n_items (G_LIST_MODEL (model)), WAIT_MS);
}

static void
on_first_page_cb (AgentPagedModel *model,
                  guint            start,
                  guint            n_items,
                  guint           *reloads)
{
  if (start == 0)
    (*reloads)++;
}

/* Changes a filter and waits for the rows it brings (the new first page: not an answer for
 * the pages just ahead of the old one). */
#define WITH_RELOAD(f, page, change) \
  G_STMT_START { \
    guint _before = count_requests (f); \
    guint _reloads = 0; \
    gulong _id = g_signal_connect (agent_history_page_get_model (page), "page-loaded", \
                                   G_CALLBACK (on_first_page_cb), &_reloads); \
    change; \
    TEST_WAIT_UNTIL (count_requests (f) > _before && _reloads > 0, WAIT_MS); \
    g_signal_handler_disconnect (agent_history_page_get_model (page), _id); \
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

  /* The first request asked for the first page, with no filters by default; then only the
   * pages just ahead of the screen were asked for, never the whole table. */
  {
    g_autoptr(GPtrArray) requests = history_requests (f);

    g_assert_cmpuint (requests->len, >=, 1);
    request = json_object_ref (g_ptr_array_index (requests, 0));
    g_assert_cmpstr (param (request, "start"), ==, "0");
    g_assert_cmpstr (param (request, "limit"), ==, "100");
    g_assert_null (param (request, "cdrPeer"));
    g_assert_null (param (request, "phoneNum"));
    g_assert_null (param (request, "talktime"));
    for (guint i = 1; i < requests->len; i++)
      {
        guint64 start = g_ascii_strtoull (param (g_ptr_array_index (requests, i), "start"), NULL, 10);

        /* (start 0 again: the test's own question above) */
        g_assert_cmpuint (start % 100, ==, 0);
        g_assert_cmpuint (start, <=, 400);
      }
  }
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
    /* (Only the pages just ahead of the rows on screen may have been asked for since.) */
    {
      g_autoptr(GPtrArray) requests = server_requests (f);

      for (guint i = before; i < requests->len; i++)
        {
          g_assert_null (param (g_ptr_array_index (requests, i), "phoneNum"));
          g_assert_cmpstr (param (g_ptr_array_index (requests, i), "start"), !=, "0");
        }
    }
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

/* The id of the server's row at @position, asked by the test. */
static gint64
server_row_id (Fixture *f,
               guint    position)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(BbhCallRecord) record = NULL;

  bbh_call_record_query_set_page (query, position, 1);
  rows = server_find (f, query, NULL);
  record = g_list_model_get_item (rows, 0);
  g_assert_nonnull (record);
  return bbh_call_record_get_id (record);
}

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

/* Scrolls the list to its end and waits for the last row. */
static GtkAdjustment *
scroll_to_end (AgentHistoryPage *page)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (child_of (page, "scrolled_window"));

  TEST_WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) > gtk_adjustment_get_page_size (vadjustment),
                   WAIT_MS);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  TEST_WAIT_UNTIL (agent_paged_model_is_loaded (agent_history_page_get_model (page), n_rows (page) - 1),
                   WAIT_MS);
  return vadjustment;
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

  g_assert_cmpuint (total, >=, 1000);
  /* Let the list settle: what is on screen is the first page, and the pages just ahead of it
   * are fetched (so that scrolling finds them there), nothing further. */
  for (guint i = 0; i < 10; i++)
    test_iterate ();
  wait_loaded (page);
  g_assert_cmpuint (n_loaded (page), >=, 100);
  g_assert_cmpuint (n_loaded (page), <=, 500);
  g_assert_false (requested_start (f, 500));

  /* Scrolling to the end fetches the end, not everything before it. */
  before = count_requests (f);
  vadjustment = scroll_to_end (page);
  g_assert_true (requested_start (f, (total - 1) / 100 * 100));
  g_assert_cmpuint (count_requests (f) - before, <=, 3);
  g_assert_cmpuint (n_loaded (page), <, total);
  /* The last row is the server's last row. */
  g_assert_cmpint (bbh_call_record_get_id (row (page, total - 1)), ==, server_row_id (f, total - 1));

  /* Scrolling back to the second page shows it, fetched once. */
  gtk_adjustment_set_value (vadjustment,
                            gtk_adjustment_get_upper (vadjustment) * 130.0 / total);
  TEST_WAIT_UNTIL (agent_paged_model_is_loaded (agent_history_page_get_model (page), 130), WAIT_MS);
  {
    g_autoptr(GPtrArray) requests = history_requests (f);
    guint n = 0;

    for (guint i = 0; i < requests->len; i++)
      if (g_strcmp0 (param (g_ptr_array_index (requests, i), "start"), "100") == 0)
        n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

/* As the administrator: the company's calls, enough that the pages just ahead of the screen
 * are not all of them. */
static void
use_admin_client (Fixture *f)
{
  g_autofree char *md5 = bbh_password_md5 (ADMIN_PASSWORD);

  g_clear_object (&f->client);
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), ADMIN_ACCOUNT, md5);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  use_admin_client (f);
  run_app_as_admin (f, paging_body);
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

/* Sorting by time ------------------------------------------------------------------------------ */


static void
sorting_body (AgentApplication *app,
              gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  GtkColumnView *view = child_of (page, "column_view");
  GtkColumnViewColumn *time_column = child_of (page, "time_column");
  guint total = n_rows (page);
  guint before;

  g_assert_cmpuint (total, >, 200);
  /* The server's order, newest first, and the header says so. */
  g_assert_cmpstr (gtk_label_get_label (child_of (page, "order_label")), ==, "Newest first");
  g_assert_nonnull (gtk_column_view_column_get_sorter (time_column));
  g_assert_cmpint (bbh_call_record_get_id (row (page, 0)), ==, server_row_id (f, 0));
  /* The other columns cannot be ordered by the server: not sortable. */
  g_assert_null (gtk_column_view_column_get_sorter (child_of (page, "number_column")));
  g_assert_null (gtk_column_view_column_get_sorter (child_of (page, "talk_column")));

  /* Oldest first, as a click on the Time header does: the first row is the server's last. */
  {
    g_autoptr(GPtrArray) requests = history_requests (f);

    before = requests->len;
  }
  WITH_RELOAD (f, page, gtk_column_view_sort_by_column (view, time_column, GTK_SORT_ASCENDING));
  g_assert_cmpstr (gtk_label_get_label (child_of (page, "order_label")), ==, "Oldest first");
  g_assert_cmpuint (n_rows (page), ==, total);
  g_assert_cmpint (bbh_call_record_get_id (row (page, 0)), ==, server_row_id (f, total - 1));
  g_assert_cmpint (bbh_call_record_get_id (row (page, 99)), ==, server_row_id (f, total - 100));
  {
    /* Asked for: the first page (for the total), then the server's last page. */
    g_autoptr(GPtrArray) requests = history_requests (f);
    g_autofree char *last_start = g_strdup_printf ("%u", total - 100);

    g_assert_cmpuint (requests->len, >=, before + 2);
    g_assert_cmpstr (param (g_ptr_array_index (requests, before), "start"), ==, "0");
    g_assert_cmpstr (param (g_ptr_array_index (requests, before + 1), "start"), ==, last_start);
    g_assert_cmpstr (param (g_ptr_array_index (requests, before + 1), "limit"), ==, "100");
  }
  for (guint i = 1; i < 100; i++)
    {
      GDateTime *newer = bbh_call_record_get_start_date_time (row (page, i));
      GDateTime *older = bbh_call_record_get_start_date_time (row (page, i - 1));

      g_assert_cmpint (g_date_time_compare (older, newer), <=, 0);
    }

  /* Scrolled to the end: the newest call. */
  scroll_to_end (page);
  g_assert_cmpint (bbh_call_record_get_id (row (page, total - 1)), ==, server_row_id (f, 0));

  /* And back: newest first again. */
  WITH_RELOAD (f, page, gtk_column_view_sort_by_column (view, time_column, GTK_SORT_DESCENDING));
  g_assert_cmpstr (gtk_label_get_label (child_of (page, "order_label")), ==, "Newest first");
  g_assert_cmpint (bbh_call_record_get_id (row (page, 0)), ==, server_row_id (f, 0));
}

static void
test_sorting (Fixture       *f,
              gconstpointer  data)
{
  run_app (f, sorting_body);
}

/* The row menu --------------------------------------------------------------------------------- */

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        g_ptr_array_add (found, child);
      else
        collect_menu_buttons (child, found);
    }
}

/* The menu button of the row at @position, among the rows the list made. */
static GtkMenuButton *
row_menu_button (AgentHistoryPage *page,
                 guint             position,
                 guint            *out_n_rows)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkMenuButton *found = NULL;

  collect_menu_buttons (child_of (page, "column_view"), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkListItem *item = g_object_get_data (g_ptr_array_index (buttons, i), "list-item");

      if (item != NULL && gtk_list_item_get_position (item) == position &&
          gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
        found = g_ptr_array_index (buttons, i);
    }
  if (out_n_rows != NULL)
    *out_n_rows = buttons->len;
  return found;
}

static gboolean
menu_has (GMenuModel *menu,
          const char *action,
          guint32     target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has (section, action, target))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          (value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_UINT32)) != NULL &&
          g_variant_get_uint32 (value) == target)
        return TRUE;
    }
  return FALSE;
}

static void
row_menu_body (AgentApplication *app,
               gpointer          user_data)
{
  Fixture *f = user_data;
  AgentHistoryPage *page = show_history (f, app, NULL);
  GtkMenuButton *button;
  GMenuModel *menu;
  guint n_buttons = 0;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  AgentWindow *window = agent_application_get_window (app);

  TEST_WAIT_UNTIL ((button = row_menu_button (page, 3, &n_buttons)) != NULL, WAIT_MS);
  g_assert_cmpuint (n_buttons, >, 20);

  /* Showing rows builds no menu: not one row of the list has one before it is opened. */
  collect_menu_buttons (child_of (page, "column_view"), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      g_assert_null (gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i)));
      g_assert_null (gtk_menu_button_get_popover (g_ptr_array_index (buttons, i)));
    }

  /* Each can open (a menu button without a menu is insensitive unless it makes its menu when
   * opened), and opened it is the menu of its row: what the button's create function makes. */
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
      g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)));
  menu = agent_history_page_row_menu (page, 3);
  g_assert_nonnull (menu);
  g_assert_true (menu_has (menu, "history.open-customer", 3));
  g_assert_true (menu_has (menu, "history.memo", 3));
  g_assert_false (menu_has (menu, "history.memo", 0));
  g_assert_true (menu_has (menu, "history.download", 3) ==
                 bbh_call_record_has_recording (row (page, 3)));
  /* An agent does not block numbers. */
  g_assert_false (menu_has (menu, "history.block", 3));
  g_object_unref (menu);

  /* Its first item, activated from the row's button, opens the row's customer. */
  gtk_widget_activate_action (GTK_WIDGET (button), "history.open-customer", "u", 3);
  TEST_WAIT_UNTIL (g_strcmp0 (agent_window_get_page_name (window), "customers") == 0, WAIT_MS);
}

static void
test_row_menu (Fixture       *f,
               gconstpointer  data)
{
  run_app (f, row_menu_body);
}

/* Cells ------------------------------------------------------------------------------------ */

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* Whether a cell on screen shows @text. */
static gboolean
shows_text (AgentHistoryPage *page,
            const char       *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (child_of (page, "column_view"), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *frames)
{
  (*frames)++;
}

static void
cells_body (AgentApplication *app,
            gpointer          user_data)
{
  Fixture *f = user_data;
  GtkWindow *window = GTK_WINDOW (agent_application_get_window (app));
  g_autoptr(GPtrArray) lines = NULL;
  AgentHistoryPage *page;
  AgentPagedModel *model;
  GtkAdjustment *vadjustment;
  GdkFrameClock *clock;
  guint frames = 0, painted;
  gulong paint_id;
  guint total, position;

  TEST_WAIT_UNTIL (agent_session_get_logged_in (agent_application_get_session (app)), WAIT_MS);
  f->trace_offset = test_trace_offset ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                  g_variant_new_string ("history"));
  wait_trace (f, &lines, "page-shown", "page", "history");
  page = history_page (app);
  model = agent_history_page_get_model (page);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames);

  /* The list holds every row within a few frames of the first ones being painted: a few
   * dozen a frame until GTK has widgets for as many as it keeps, then all the others (not
   * 40 a frame for ever: 25 frames for 1,000 calls, 12,500 for 500,000). */
  TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (child_of (page, "column_view")))) ==
                   g_list_model_get_n_items (G_LIST_MODEL (model)), WAIT_MS);
  total = n_rows (page);
  g_assert_cmpuint (total, >=, 1000);
  painted = frames;
  g_assert_cmpuint (frames, <=, 12);
  wait_loaded (page);

  /* The cells show the calls: the first row's number. */
  TEST_WAIT_UNTIL (shows_text (page, bbh_call_record_get_phone (row (page, 0))), WAIT_MS);

  /* Rows whose page has not come show "…", and their calls once it comes. (The cells are
   * GtkInscriptions: new text only redraws them, where a GtkLabel's asked the window to
   * measure itself again on every frame that bound or filled a row.) */
  position = total / 2;
  g_assert_false (agent_paged_model_is_loaded (model, position));
  vadjustment = gtk_scrolled_window_get_vadjustment (child_of (page, "scrolled_window"));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) * position / total);
  TEST_WAIT_UNTIL (shows_text (page, "…") || agent_paged_model_is_loaded (model, position), WAIT_MS);
  TEST_WAIT_UNTIL (agent_paged_model_is_loaded (model, position), WAIT_MS);
  TEST_WAIT_UNTIL (shows_text (page, bbh_call_record_get_phone (row (page, position))), WAIT_MS);
  g_test_message ("all rows listed after %u frames", painted);

  g_signal_handler_disconnect (clock, paint_id);
}

static void
test_cells (Fixture       *f,
            gconstpointer  data)
{
  use_admin_client (f);
  run_app_as_admin (f, cells_body);
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
  g_test_add ("/agent/history/cells", Fixture, NULL, fixture_setup, test_cells, fixture_teardown);
  g_test_add ("/agent/history/sorting", Fixture, NULL, fixture_setup, test_sorting, fixture_teardown);
  g_test_add ("/agent/history/row-menu", Fixture, NULL, fixture_setup, test_row_menu, fixture_teardown);
  g_test_add ("/agent/history/play-recording", Fixture, NULL,
              fixture_setup, test_play_recording, fixture_teardown);
  g_test_add ("/agent/history/download", Fixture, NULL,
              fixture_setup, test_download, fixture_teardown);
  g_test_add ("/agent/history/admin", Fixture, NULL, fixture_setup, test_admin, fixture_teardown);
  g_test_add ("/agent/history/memo", Fixture, NULL, fixture_setup, test_memo, fixture_teardown);

  return g_test_run ();
}
