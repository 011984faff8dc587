/* test-sandbox-data-big.c — a 100,000-customer tenant still answers pages quickly
 *
 * The target is 50 ms a page; the assertions are loose (a loaded CI machine) and the figures are
 * printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

#define AGENT SANDBOX_TEST_AGENT
#define AGENT_PW SANDBOX_TEST_AGENT_PASSWORD
#define ADMIN SANDBOX_TEST_ADMIN
#define ADMIN_PW SANDBOX_TEST_ADMIN_PASSWORD

static SandboxTestServer *server;

/* The call's elapsed milliseconds, checking the answer is a success with rows. */
static gint64
timed_call (const char *account,
            const char *password,
            const char *label,
            const char *rows_member,
            const char *method,
            const char *name1,
            const char *value1,
            const char *name2,
            const char *value2)
{
  g_autofree char *query = sandbox_test_call_query (account, password, method, name1, value1,
                                                    name2, value2, NULL);
  g_autofree char *path = g_strconcat ("/voip/api/jsondata.html", query, NULL);
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;

  response = sandbox_test_request (server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  answer = sandbox_test_response_json (response);
  g_assert_nonnull (answer);
  g_assert_cmpint (sandbox_test_get_int (answer, "code", -1), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, rows_member)), >, 0);
  g_print ("# %-40s %4" G_GINT64_FORMAT " ms\n", label, response->elapsed_ms);
  return response->elapsed_ms;
}

static void
test_pages (void)
{
  gint64 worst = 0;

  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "customers, first page", "rows_customer",
                                  "getCustomersPage", "start", "0", "limit", "20"));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "customers, page 2500", "rows_customer",
                                  "getCustomersPage", "start", "50000", "limit", "20"));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "customers by status", "rows_customer",
                                  "getCustomersPage", "custStatus", "3", NULL, NULL));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "customers by name", "rows_customer",
                                  "getCustomersPage", "findType", "custName", "sqlwhere", "王"));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "customers by phone digits", "rows_customer",
                                  "getCustomersPage", "findType", "cpPhone", "sqlwhere", "139"));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "own call records", "rows",
                                  "findDialrecord", "start", "0", "limit", "20"));
  worst = MAX (worst, timed_call (ADMIN, ADMIN_PW, "company call records", "rows",
                                  "findDialrecord", "start", "0", "limit", "20"));
  worst = MAX (worst, timed_call (ADMIN, ADMIN_PW, "company incoming calls", "rows",
                                  "findDialrecord", "cdrPeer", "2", NULL, NULL));
  worst = MAX (worst, timed_call (AGENT, AGENT_PW, "own memos", "rows",
                                  "getMemos", "start", "0", "limit", "20"));
  g_test_message ("slowest page: %" G_GINT64_FORMAT " ms", worst);
  g_assert_cmpint (worst, <, 1000);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--demo-size=100000", NULL };
  gint64 started;
  int status;

  g_test_init (&argc, &argv, NULL);

  started = g_get_monotonic_time ();
  server = sandbox_test_server_start (args, NULL);
  g_print ("# seeding 100000 customers took %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  g_test_add_func ("/agent/sandbox-data-big/pages", test_pages);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  return status;
}
