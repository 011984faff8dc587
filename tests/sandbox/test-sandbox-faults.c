/* test-sandbox-faults.c — babaihu-sandbox's fault modes seen from a client, and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sandbox-test-util.h"

#define AGENT    SANDBOX_TEST_AGENT
#define PASSWORD SANDBOX_TEST_AGENT_PASSWORD

typedef struct
{
  SandboxTestServer *server;
  char              *login_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *env[] = { "BABAIHU_SANDBOX_LONGPOLL_MS=30000", NULL };
  g_autofree char *query = sandbox_test_call_query (AGENT, PASSWORD, "getExtension", NULL);

  f->server = sandbox_test_server_start (NULL, env);
  f->login_path = g_strconcat ("/voip/api/jsondata.html", query, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sandbox_test_server_stop (f->server);
  g_free (f->login_path);
}

static SandboxTestResponse *
login (Fixture *f)
{
  return sandbox_test_request (f->server, NULL, "GET", f->login_path, NULL, NULL, NULL, 30000);
}

static gboolean
login_works (gpointer user_data)
{
  g_autoptr(SandboxTestResponse) response = login (user_data);
  g_autoptr(JsonObject) answer = NULL;

  if (response->status != 200)
    return FALSE;
  answer = sandbox_test_response_json (response);
  return answer != NULL && sandbox_test_get_int (answer, "code", -99) == 0;
}

static gboolean
login_fails (gpointer user_data)
{
  return !login_works (user_data);
}

static void
set_fault (Fixture    *f,
           const char *json)
{
  g_autoptr(JsonObject) answer = sandbox_test_control (f->server, "/sandbox/fault", json);

  g_assert_true (json_object_has_member (answer, "mode"));
}

static const char *
fault_now (Fixture *f)
{
  static char mode[16];
  g_autoptr(JsonObject) status = sandbox_test_control (f->server, "/sandbox/status", NULL);

  g_strlcpy (mode, json_object_get_string_member (status, "fault"), sizeof mode);
  return mode;
}

static gboolean
login_fast (gpointer user_data)
{
  g_autoptr(SandboxTestResponse) response = login (user_data);

  return response->status == 200 && response->elapsed_ms < 300;
}

/* The fault set at @started_us lasted about @ms: the API came back no sooner. */
static void
assert_lasted (gint64 started_us,
               guint  ms)
{
  g_assert_cmpint ((g_get_monotonic_time () - started_us) / 1000, >=, ms * 9 / 10);
}

static void
test_down (Fixture       *f,
           gconstpointer  data)
{
  SandboxTestPending *held = sandbox_test_call_start (f->server, AGENT, PASSWORD, "getLongWaterLine",
                                                      "client", "1", "waterLine", "0", NULL);
  g_autoptr(SandboxTestResponse) dropped = NULL;
  g_autoptr(SandboxTestResponse) refused = NULL;
  g_autoptr(JsonObject) status = NULL;
  gint64 started;

  g_assert_true (login_works (f));

  started = g_get_monotonic_time ();
  set_fault (f, "{\"mode\":\"down\",\"ms\":1500}");

  /* The long poll the server was holding is dropped without an answer… */
  dropped = sandbox_test_pending_finish (held, 10000);
  g_assert_nonnull (dropped->error);
  g_assert_cmpuint (dropped->status, ==, 0);

  /* …new connections are refused, while the control port still answers… */
  sandbox_test_wait_until (login_fails, f, 5000);
  refused = login (f);
  g_assert_error (refused->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (refused->status, ==, 0);
  g_assert_cmpstr (fault_now (f), ==, "down");

  /* …and the API comes back on the same port when the fault ends. */
  sandbox_test_wait_until (login_works, f, 10000);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 1400 * 1000);
  g_assert_cmpstr (fault_now (f), ==, "none");

  /* Nothing is left waiting for the dropped poll. */
  status = sandbox_test_control (f->server, "/sandbox/status", NULL);
  g_assert_cmpint (sandbox_test_get_int (status, "waiters", -1), ==, 0);
}

static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SandboxTestResponse) slow = NULL;
  g_autoptr(SandboxTestResponse) fast = NULL;
  g_autoptr(JsonObject) answer = NULL;

  set_fault (f, "{\"mode\":\"slow\",\"ms\":30000,\"delay_ms\":1200}");
  slow = login (f);
  g_assert_no_error (slow->error);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow->elapsed_ms, >=, 1150);
  answer = sandbox_test_response_json (slow);
  g_assert_nonnull (answer);
  g_assert_cmpstr (json_object_get_string_member (answer, "extension"), ==, "800");

  /* Ending the fault early through the control port. */
  set_fault (f, "{\"mode\":\"none\"}");
  fast = login (f);
  g_assert_cmpuint (fast->status, ==, 200);
  g_assert_cmpint (fast->elapsed_ms, <, 1000);

  /* Or letting it run out: slow for the time given, then fast again by itself. */
  {
    g_autoptr(SandboxTestResponse) again = NULL;
    gint64 started = g_get_monotonic_time ();

    set_fault (f, "{\"mode\":\"slow\",\"ms\":1500,\"delay_ms\":600}");
    again = login (f);
    g_assert_cmpint (again->elapsed_ms, >=, 550);
    sandbox_test_wait_until (login_fast, f, 10000);
    assert_lasted (started, 1500);
    g_assert_cmpstr (fault_now (f), ==, "none");
  }
}

static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 started = g_get_monotonic_time ();

  set_fault (f, "{\"mode\":\"garbage\",\"ms\":800}");
  response = login (f);
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (response->body), >, 0);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                              g_bytes_get_size (response->body), NULL));

  /* for the time given, and then no longer */
  sandbox_test_wait_until (login_works, f, 10000);
  assert_lasted (started, 800);
}

static void
test_http500 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autofree char *body = NULL;
  gint64 started = g_get_monotonic_time ();

  /* Set through the API port's own /sandbox/ while no fault is active. */
  {
    static const char fault[] = "{\"mode\":\"http500\",\"ms\":800}";
    g_autoptr(GBytes) json = g_bytes_new_static (fault, strlen (fault));
    g_autoptr(SandboxTestResponse) set = sandbox_test_request (f->server, NULL, "POST",
                                                               "/sandbox/fault", "application/json",
                                                               json, NULL, 30000);

    g_assert_cmpuint (set->status, ==, 200);
  }

  response = login (f);
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 502);
  g_assert_cmpstr (response->content_type, ==, "text/html");
  body = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));
  g_assert_nonnull (strstr (body, "502 Bad Gateway"));

  sandbox_test_wait_until (login_works, f, 10000);
  assert_lasted (started, 800);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SandboxTestResponse) response = NULL;
  gint64 started = g_get_monotonic_time ();

  set_fault (f, "{\"mode\":\"reset\",\"ms\":800}");
  response = login (f);
  g_assert_nonnull (response->error);
  g_assert_cmpuint (response->status, ==, 0);

  sandbox_test_wait_until (login_works, f, 10000);
  assert_lasted (started, 800);
}

static void
test_bad_mode (Fixture       *f,
               gconstpointer  data)
{
  static const char fault[] = "{\"mode\":\"explode\"}";
  g_autoptr(GBytes) json = g_bytes_new_static (fault, strlen (fault));
  g_autoptr(SandboxTestResponse) response = NULL;

  response = sandbox_test_request (f->server, f->server->control_url, "POST", "/sandbox/fault",
                                   "application/json", json, NULL, 30000);
  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (fault_now (f), ==, "none");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/sandbox-faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("down", test_down);
  ADD ("slow", test_slow);
  ADD ("garbage", test_garbage);
  ADD ("http500", test_http500);
  ADD ("reset", test_reset);
  ADD ("bad-mode", test_bad_mode);
#undef ADD

  return g_test_run ();
}
