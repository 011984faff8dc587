/* test-fault-app.c — the fault matrix seen through the whole application: the connection
 * bar while the server is down and after, the call pop-ups across the outage, and the login
 * page's words for an address that cannot work (a name that does not resolve, a certificate
 * that does not verify)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "agent-login-page.h"
#include "agent-window.h"
#include "reliab-util.h"
#include "test-app-util.h"

#define FAULT_MS        2000

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* ---- the whole application: the connection bar and the pop-ups ---- */

typedef struct
{
  IntegFixture  f;
  char         *password_file;
} AppRun;

static gboolean
app_connected (gpointer user_data)
{
  AgentSession *session = agent_application_get_session (user_data);

  return agent_session_get_logged_in (session) && agent_session_get_connected (session);
}

static gboolean
bar_revealed (gpointer user_data)
{
  return gtk_info_bar_get_revealed (user_data);
}

typedef struct
{
  AgentApplication *app;
  GtkInfoBar       *bar;
} Back;

/* Connected, and the bar gone. (The window also hides the bar while a retry is on its way,
 * connected or not, so the bar alone does not say the connection is back.) */
static gboolean
back_and_bar_hidden (gpointer user_data)
{
  Back *back = user_data;

  return agent_session_get_connected (agent_application_get_session (back->app))
         && !gtk_info_bar_get_revealed (back->bar);
}

typedef struct
{
  const char *phone;
  int         status;
} TraceWait;

static guint
trace_count (GPtrArray  *lines,
             const char *event,
             const char *phone,
             int         status)
{
  guint n = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (line, "event", ""), event) != 0
          || g_strcmp0 (json_object_get_string_member_with_default (line, "phone", ""), phone) != 0)
        continue;
      if (status >= 0 && json_object_get_int_member_with_default (line, "status", -1) != status)
        continue;
      n++;
    }
  return n;
}

static gboolean
trace_has_hangup (gpointer user_data)
{
  const char *phone = user_data;
  g_autoptr(GPtrArray) lines = test_trace_read (0);

  return trace_count (lines, "event-received", phone, 2) + trace_count (lines, "event-received",
                                                                         phone, 3) > 0;
}

static gboolean
trace_has_popup (gpointer user_data)
{
  g_autoptr(GPtrArray) lines = test_trace_read (0);

  return trace_count (lines, "popup-shown", user_data, -1) > 0;
}

static void
app_body (AgentApplication *app,
          gpointer          user_data)
{
  AppRun *run = user_data;
  g_autoptr(ReliabStallProbe) probe = NULL;
  g_autofree char *ringing = integ_unique_phone ();
  g_autofree char *during = integ_unique_phone ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  goffset offset = test_trace_offset ();
  AgentWindow *window;
  GtkInfoBar *bar;
  GtkLabel *label;
  double back, took;

  reliab_wait (app_connected, app, INTEG_TIMEOUT_MS, "the application to log in");
  window = agent_application_get_window (app);
  bar = test_template_child (window, AGENT_TYPE_WINDOW, "connection_bar");
  label = test_template_child (window, AGENT_TYPE_WINDOW, "connection_label");

  /* The first pop-up builds what later ones reuse; measure the steady state after it. */
  integ_script_call (&run->f, INTEG_AGENT, ringing, FALSE, 600, 300, FALSE);
  reliab_wait (trace_has_popup, ringing, INTEG_TIMEOUT_MS, "the first pop-up");
  reliab_wait (trace_has_hangup, ringing, INTEG_TIMEOUT_MS, "the first call to end");
  probe = reliab_stall_probe_new ();

  integ_fault (&run->f, "down", 0);
  reliab_wait_api_down (&run->f);
  reliab_wait (bar_revealed, bar, INTEG_TIMEOUT_MS, "the connection bar");
  reliab_assert_words ("the connection bar", gtk_label_get_text (label));
  integ_script_call (&run->f, INTEG_AGENT, during, FALSE, 200, 300, FALSE);
  reliab_spin_for (FAULT_MS);
  integ_fault (&run->f, "none", 0);
  back = reliab_now_ms ();
  {
    Back wait = { app, bar };

    reliab_wait (back_and_bar_hidden, &wait, INTEG_TIMEOUT_MS, "the connection and the bar");
  }
  took = reliab_now_ms () - back;
  g_test_message ("app: the connection bar went %.0f ms after the server came back", took);
  g_assert_cmpfloat (took, <=, RELIAB_RECOVERY_MS);
  /* The bar goes as the first answer comes back; the session calls itself connected once the
   * event stream's next request has succeeded too, within the same recovery target. */
  reliab_wait (app_connected, app, RELIAB_RECOVERY_MS, "the session to be connected again");
  reliab_wait (trace_has_hangup, during, INTEG_TIMEOUT_MS, "the call during the outage");
  reliab_stall_probe_check (probe, "the application");

  /* Each event once in the trace (per msg_time), one pop-up for the call that rang. */
  lines = test_trace_read (offset);
  for (guint i = 0; i < lines->len; i++)
    {
      JsonObject *line = g_ptr_array_index (lines, i);
      const char *event = json_object_get_string_member_with_default (line, "event", "");
      gint64 *time_ms;

      if (!g_str_equal (event, "event-received"))
        continue;
      time_ms = g_new (gint64, 1);
      *time_ms = json_object_get_int_member_with_default (line, "msg_time", 0);
      if (g_hash_table_contains (times, time_ms))
        g_error ("The event at %" G_GINT64_FORMAT " reached the application twice", *time_ms);
      g_hash_table_add (times, time_ms);
    }
  for (guint s = 0; s <= 2; s++)
    {
      g_assert_cmpuint (trace_count (lines, "event-received", ringing, s), ==, 1);
      g_assert_cmpuint (trace_count (lines, "event-received", during, s), ==, 1);
    }
  g_assert_cmpuint (trace_count (lines, "popup-shown", ringing, -1), ==, 1);
  g_assert_cmpuint (trace_count (lines, "popup-shown", during, -1), <=, 1);
}

static void
test_app_outage (void)
{
  AppRun run = { 0 };
  const char *argv[8];

  integ_set_up (&run.f, NULL);
  reliab_notifications_start ();
  run.password_file = test_write_password_file (INTEG_AGENT_PASSWORD);
  argv[0] = "--server";
  argv[1] = run.f.url;
  argv[2] = "--account";
  argv[3] = INTEG_AGENT;
  argv[4] = "--password-file";
  argv[5] = run.password_file;
  argv[6] = NULL;

  test_app_run (argv, app_body, &run);

  g_unlink (run.password_file);
  g_free (run.password_file);
  integ_tear_down (&run.f, NULL);
}

/* The login page says what went wrong with an address that cannot work. */
typedef struct
{
  const char *url;
  const char *expect;   /* a word the message must contain */
} BadLogin;

static gboolean
login_error_shown (gpointer user_data)
{
  AgentApplication *app = user_data;
  AgentWindow *window = agent_application_get_window (app);
  const char *error;

  if (window == NULL)
    return FALSE;
  error = agent_login_page_get_error (agent_window_get_login_page (window));
  return error != NULL && *error != '\0';
}

static void
bad_login_body (AgentApplication *app,
                gpointer          user_data)
{
  BadLogin *bad = user_data;
  g_autoptr(ReliabStallProbe) probe = reliab_stall_probe_new ();
  AgentWindow *window;
  const char *error;

  reliab_wait (login_error_shown, app, INTEG_TIMEOUT_MS, "the login page's error");
  window = agent_application_get_window (app);
  error = agent_login_page_get_error (agent_window_get_login_page (window));
  g_test_message ("login page: %s", error);
  reliab_assert_words ("the login page", error);
  g_assert_nonnull (strstr (error, bad->expect));
  g_assert_false (agent_session_get_logged_in (agent_application_get_session (app)));
}

static void
test_app_bad_address (gconstpointer data)
{
  gboolean tls = GPOINTER_TO_INT (data);
  g_autofree char *password_file = test_write_password_file (INTEG_AGENT_PASSWORD);
  g_autofree char *dir = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) tls_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint tls_requests = 0;
  BadLogin bad;
  const char *argv[8];

  dir = g_dir_make_tmp ("reliab-XXXXXX", &error);
  g_assert_no_error (error);
  if (tls)
    {
      certificate = reliab_self_signed_certificate (dir, &error);
      if (certificate == NULL)
        {
          g_test_skip (error->message);
          remove_tree (dir);
          return;
        }
      tls_server = reliab_tls_server_new (certificate, &url, &tls_requests);
      bad.expect = "certificate";
    }
  else
    {
      url = g_strdup ("http://babaihu-reliability-test.invalid");
      bad.expect = "babaihu-reliability-test.invalid";
    }
  bad.url = url;

  argv[0] = "--server";
  argv[1] = url;
  argv[2] = "--account";
  argv[3] = INTEG_AGENT;
  argv[4] = "--password-file";
  argv[5] = password_file;
  argv[6] = NULL;
  test_app_run (argv, bad_login_body, &bad);

  g_assert_cmpuint (tls_requests, ==, 0);
  if (tls_server != NULL)
    soup_server_disconnect (tls_server);
  g_unlink (password_file);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The main-loop bar measures the application, not Xvfb's software OpenGL: under llvmpipe a
   * pop-up window's first frame alone takes GTK's GL renderer 45–50 ms on a quiet machine
   * (twice that under load), against 5–11 ms with GTK's software renderer, which the benchmarks
   * use for the same reason (BENCHMARKS.md). An explicit GSK_RENDERER is kept. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  test_trace_setup ();

  g_test_add_func ("/agent/fault-app/outage", test_app_outage);
  g_test_add_data_func ("/agent/fault-app/dns", GINT_TO_POINTER (FALSE), test_app_bad_address);
  g_test_add_data_func ("/agent/fault-app/tls", GINT_TO_POINTER (TRUE), test_app_bad_address);

  return g_test_run ();
}
