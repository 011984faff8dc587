/* test-sandbox-data-tasks.c — outbound tasks, call flows and task details over HTTP; seeding time
 * and what --demo seeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sandbox-test-util.h"

#define AGENT SANDBOX_TEST_AGENT
#define AGENT_PW SANDBOX_TEST_AGENT_PASSWORD
#define ADMIN SANDBOX_TEST_ADMIN
#define ADMIN_PW SANDBOX_TEST_ADMIN_PASSWORD

static SandboxTestServer *server;

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static void
assert_code (JsonObject *answer,
             gint64      code)
{
  if (sandbox_test_get_int (answer, "code", G_MININT64) != code)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
      g_autofree char *text = json_to_string (node, FALSE);
      g_error ("expected code %" G_GINT64_FORMAT ", got %s", code, text);
    }
}

static void
test_call_flows (void)
{
  g_autoptr(JsonObject) flows = sandbox_test_call (server, AGENT, AGENT_PW, "findCallFlow", NULL);
  JsonArray *rows = json_object_get_array_member (flows, "callflow");
  JsonObject *first;
  const char *fields[] = {
    "cfId", "cfName", "ctkName", "compGroupCallTimes", "cfIsend_wfPath", "cfItransferMode",
    "cfItransferTimes", "cfIIsRecord", "cfISendInterval", "cfISmsStatus", "cfISmsTims", "cfISmsContent",
  };

  assert_code (flows, 0);
  g_assert_cmpuint (json_array_get_length (rows), >=, 3);
  first = json_array_get_object_element (rows, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (first, fields[i]));
  g_assert_cmpuint (strlen (member_string (first, "cfName")), >, 0);
  g_assert_cmpuint (strlen (member_string (first, "ctkName")), >, 0);
}

static void
test_add_task_strict (void)
{
  struct
  {
    const char *data;
    const char *add_type;
    const char *flow;
    gint64      code;
    const char *in_message;
  } cases[] = {
    { "not json", "2", NULL, -3, "data" },
    { "{\"phone\":\"13800000000\"}", "2", NULL, -3, "array" },
    { "[]", "2", NULL, -3, "data" },
    { "[{\"phone\":\"13800000000\"},{\"phone\":\"hello\"}]", "2", NULL, -3, "data[1].phone" },
    { "[{\"phone\":13800000000}]", "2", NULL, -3, "data[0].phone" },
    { "[{\"phone\":\"13800000000\",\"memo\":\"a#b\"}]", "2", NULL, -3, "data[0].memo" },
    { "[{\"phone\":\"13800000000\"}]", "1", NULL, -3, "cflName" },
    { "[{\"phone\":\"13800000000\"}]", "1", "没有这个流程", -11, NULL },
    { "[{\"phone\":\"13800000000\"}]", "9", NULL, -3, "addType" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) answer = sandbox_test_call (server, ADMIN, ADMIN_PW, "addTask",
                                                        "name", "坏任务", "addType", cases[i].add_type,
                                                        "data", cases[i].data,
                                                        "cflName", cases[i].flow ? cases[i].flow : "",
                                                        NULL);
      g_test_message ("case %u: %s", i, cases[i].data);
      assert_code (answer, cases[i].code);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (member_string (answer, "message"), cases[i].in_message));
    }

  /* nothing of the refused tasks was stored */
  {
    g_autoptr(JsonObject) mx = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", "cflId", "0",
                                                  "ctkName", "坏任务", "start", "0", "limit", "25", NULL);
    g_assert_cmpint (sandbox_test_get_int (mx, "count", -1), ==, 0);
  }
}

static void
test_add_task_and_details (void)
{
  const char *data = "[{\"phone\":\"13811110001\",\"key\":\"k1\",\"memo\":\"您好\",\"woOther1\":\"甲\"},"
                     " {\"phone\":\"023-6707-0002\",\"key\":\"k2\"},"
                     " {\"phone\":\"13811110003\"}]";
  g_autoptr(JsonObject) flows = sandbox_test_call (server, ADMIN, ADMIN_PW, "findCallFlow", NULL);
  const char *flow_name = member_string (json_array_get_object_element (json_object_get_array_member (flows, "callflow"), 0), "cfName");
  gint64 cf_id = sandbox_test_get_int (json_array_get_object_element (json_object_get_array_member (flows, "callflow"), 0), "cfId", 0);
  g_autofree char *cf_text = g_strdup_printf ("%" G_GINT64_FORMAT, cf_id);
  g_autoptr(JsonObject) added = sandbox_test_call (server, ADMIN, ADMIN_PW, "addTask",
                                                   "name", "测试外呼任务", "addType", "1",
                                                   "cflName", flow_name, "data", data,
                                                   "sendTime", "2024-01-01 00:00:00", NULL);
  g_autoptr(JsonObject) mx = NULL;
  g_autoptr(JsonObject) not_started = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) by_flow = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autofree char *ctk = NULL;
  JsonArray *rows, *groups;
  JsonObject *first;

  assert_code (added, 0);
  g_assert_cmpint (sandbox_test_get_int (added, "id", 0), >, 0);
  ctk = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (added, "id", 0));

  mx = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", "cflId", cf_text, "ctkId", ctk,
                          "type", "0", "start", "0", "limit", "25", NULL);
  assert_code (mx, 0);
  g_assert_cmpint (sandbox_test_get_int (mx, "count", 0), ==, 3);
  rows = json_object_get_array_member (mx, "data");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  first = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (member_string (first, "ctdPhone"), ==, "13811110001");
  g_assert_cmpstr (member_string (first, "ctdKey"), ==, "k1");
  g_assert_cmpstr (member_string (first, "ctdText"), ==, "您好");
  g_assert_cmpstr (member_string (first, "ctkName"), ==, "测试外呼任务");
  g_assert_cmpint (sandbox_test_get_int (first, "ctdStatus", -1), ==, 0);
  g_assert_cmpstr (member_string (first, "ctd_ctkId"), ==, ctk);
  g_assert_cmpuint (g_ascii_strtoull (member_string (first, "ctdId"), NULL, 10), >, 0);
  g_assert_cmpstr (member_string (json_array_get_object_element (rows, 1), "ctdPhone"), ==, "02367070002");
  for (const char **f = (const char *[]) { "ctdTransferPhone", "ctdSuccessTime", "ctdSmsSendStatus",
                                            "ctdBeginTime", "ctdCallTalktimes", "ctdExtension",
                                            "ctdResultCode", "ctdWavFile", "ctdCallTime", "ctdSipRound",
                                            "ctdReNum", "ctdEndTime", "exteName", NULL }; *f; f++)
    g_assert_true (json_object_has_member (first, *f));

  groups = json_object_get_array_member (mx, "groupData");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (groups, 0), "num", 0), ==, 3);
  g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (groups, 0), "ctdStatus", -1), ==, 0);

  not_started = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", "cflId", cf_text, "ctkId", ctk,
                                   "type", "1", "start", "0", "limit", "2", NULL);
  g_assert_cmpint (sandbox_test_get_int (not_started, "count", 0), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (not_started, "data")), ==, 2);
  done = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", "cflId", cf_text, "ctkId", ctk,
                            "type", "2", "start", "0", "limit", "25", NULL);
  g_assert_cmpint (sandbox_test_get_int (done, "count", -1), ==, 0);

  /* the demo's own tasks: some numbers called, some not */
  by_flow = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", "cflId", "0", "type", "1",
                               "start", "0", "limit", "25", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_flow, "count", 0), >, 3);

  missing = sandbox_test_call (server, ADMIN, ADMIN_PW, "findTaskMx", NULL);
  assert_code (missing, -3);
  g_assert_nonnull (strstr (member_string (missing, "message"), "cflId"));
}

static void
test_call_next_and_report (void)
{
  /* a new agent, so no demo number is allotted to them */
  g_autoptr(JsonObject) agent = sandbox_test_call (server, ADMIN, ADMIN_PW, "addExtension",
                                                   "exteExtension", "470", "exteName", "外呼专员",
                                                   "extePassword", "pw-470", NULL);
  g_autoptr(JsonObject) added = sandbox_test_call (server, ADMIN, ADMIN_PW, "addTask",
                                                   "name", "手工拨号任务", "addType", "2",
                                                   "allotExte", "100008470",
                                                   "data", "[{\"phone\":\"13822220001\"}]", NULL);
  g_autoptr(JsonObject) next = NULL;
  g_autoptr(JsonObject) reported = NULL;
  g_autoptr(JsonObject) mx = NULL;
  g_autofree char *ctk = NULL;
  JsonObject *row;

  assert_code (agent, 0);
  assert_code (added, 0);
  ctk = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (added, "id", 0));

  /* the agent's own allotted numbers come first */
  next = sandbox_test_call (server, "100008470", "pw-470", "getTaskDetailPhone", NULL);
  assert_code (next, 0);
  g_assert_cmpstr (member_string (next, "phone"), ==, "13822220001");

  reported = sandbox_test_call (server, "100008470", "pw-470", "addCdrRecord", "dialId", "task-call-1",
                                "dialPhoneNum", "13822220001", "dialPeer", "1",
                                "dialStartTime", "2024-05-05 09:00:00",
                                "dialSucessTime", "2024-05-05 09:00:05",
                                "dialHangupTime", "2024-05-05 09:00:45",
                                "dialCtdId", member_string (next, "ctdId"), NULL);
  assert_code (reported, 0);

  mx = sandbox_test_call (server, "100008470", "pw-470", "findTaskMx", "cflId", "0", "ctkId", ctk,
                          "type", "2", "start", "0", "limit", "25", NULL);
  g_assert_cmpint (sandbox_test_get_int (mx, "count", 0), ==, 1);
  row = json_array_get_object_element (json_object_get_array_member (mx, "data"), 0);
  g_assert_cmpint (sandbox_test_get_int (row, "ctdStatus", 0), ==, 4);
  g_assert_cmpint (sandbox_test_get_int (row, "ctdTimes", 0), ==, 40);
  g_assert_cmpstr (member_string (row, "ctdEndTime"), ==, "2024-05-05 09:00:45");
}

typedef struct
{
  char     *line;
  GError   *error;
  gboolean  done;
} LineRead;

static void
on_line_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

/* --demo seeds 5,000 customers and 20,000 calls; the target is 5 s, asserted loosely. */
#if defined(__SANITIZE_ADDRESS__)
#define SEED_SECONDS_MAX 15.0
#else
#define SEED_SECONDS_MAX 5.0
#endif

static void
test_seed_time (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sandbox-seed-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  const char *binary = g_getenv ("BABAIHU_SANDBOX");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 started = g_get_monotonic_time ();
  double seconds;

  g_assert_nonnull (binary);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, "--demo", "--port", "0",
                                         "--db", db, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  {
    LineRead read = { 0 };
    g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line_cb, &read);
    sandbox_test_wait_for (&read.done, 60000);
    g_assert_no_error (read.error);
    line = read.line;
  }
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_test_message ("--demo seeded and listened after %.2f s", seconds);
  g_print ("# seeding --demo took %.2f s\n", seconds);
  /* The bar: under 5 s (0.5 s on the machine it was written on), three times that
   * under AddressSanitizer. */
  g_assert_cmpfloat (seconds, <, SEED_SECONDS_MAX);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  {
    /* nothing but the server's lines: the seeding printed nothing on stderr */
    g_autoptr(GBytes) err = NULL;
    GInputStream *stream = g_subprocess_get_stderr_pipe (process);
    err = g_input_stream_read_bytes (stream, 4096, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (err), ==, 0);
  }

  g_remove (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *rec = g_strconcat (db, ".recordings", NULL);
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", rec);
    g_remove (wal);
    g_remove (shm);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  g_rmdir (dir);
}

/* What --demo seeds (the list): the two accounts of the document, ten more agents,
 * 5,000 customers with Chinese names, companies and several numbers, 20,000 calls over 90 days
 * (some missed, some with memos), a few hundred playable recordings of 5–60 s, tasks, call
 * flows, a blacklist. */
static gint64
local_ms (const char *text)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;

  iso[10] = 'T';
  dt = g_date_time_new_from_iso8601 (iso, local);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000;
}

static void
test_demo_contents (void)
{
  const char *args[] = { "--demo-size=0", NULL };   /* the full --demo */
  SandboxTestServer *demo = sandbox_test_server_start (args, NULL);
  g_autoptr(JsonObject) agents = sandbox_test_call (demo, ADMIN, ADMIN_PW, "getExtensions", NULL);
  g_autoptr(JsonObject) me = sandbox_test_call (demo, AGENT, AGENT_PW, "getExtension", NULL);
  g_autoptr(JsonObject) boss = sandbox_test_call (demo, ADMIN, ADMIN_PW, "getExtension", NULL);
  g_autoptr(JsonObject) customers = sandbox_test_call (demo, AGENT, AGENT_PW, "getCustomersPage",
                                                       "start", "0", "limit", "100", NULL);
  g_autoptr(JsonObject) missed = sandbox_test_call (demo, ADMIN, ADMIN_PW, "findDialrecord",
                                                    "talktimeSql", "1", "talktime", "1",
                                                    "limit", "1", NULL);
  g_autoptr(JsonObject) oldest = sandbox_test_call (demo, ADMIN, ADMIN_PW, "findDialrecord",
                                                    "start", "19999", "limit", "1", NULL);
  g_autoptr(JsonObject) memos = sandbox_test_call (demo, ADMIN, ADMIN_PW, "getMemos", NULL);
  g_autoptr(JsonObject) black = sandbox_test_call (demo, ADMIN, ADMIN_PW, "getBlacklists", NULL);
  g_autoptr(JsonObject) flows = sandbox_test_call (demo, AGENT, AGENT_PW, "findCallFlow", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  JsonArray *rows = json_object_get_array_member (customers, "rows_customer");
  JsonArray *phones = json_object_get_array_member (customers, "rows_customerphone");
  const char *name, *oldest_time;
  gint64 age_days, with_memo = 0;

  assert_code (me, 0);
  g_assert_cmpstr (member_string (me, "compNumber"), ==, "100008");
  assert_code (boss, 0);
  g_assert_cmpint (sandbox_test_get_int (boss, "exteStatus", -1), ==, 2);
  /* 800, the administrator and ten more */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (agents, "extension")), >=, 12);

  g_assert_cmpint (sandbox_test_get_int (customers, "recordTotal", -1), ==, 5000);
  name = member_string (json_array_get_object_element (rows, 0), "custName");
  g_assert_true (g_unichar_get_script (g_utf8_get_char (name)) == G_UNICODE_SCRIPT_HAN);
  g_assert_cmpuint (json_array_get_length (phones), >, json_array_get_length (rows) * 3 / 2);
  {
    guint with_corp = 0;

    for (guint i = 0; i < json_array_get_length (rows); i++)
      with_corp += *member_string (json_array_get_object_element (rows, i), "custCorpName") != '\0';
    g_assert_cmpuint (with_corp, >, 20);
  }

  g_assert_cmpint (sandbox_test_get_int (oldest, "recordTotal", -1), ==, 20000);
  g_assert_cmpint (sandbox_test_get_int (missed, "recordTotal", 0), >, 1000);
  oldest_time = member_string (json_array_get_object_element (json_object_get_array_member (oldest, "rows"), 0),
                               "cdrStartTime");
  age_days = (g_get_real_time () / 1000 - local_ms (oldest_time)) / (24 * 3600 * 1000);
  g_assert_cmpint (age_days, >=, 85);
  g_assert_cmpint (age_days, <=, 91);
  g_assert_cmpint (sandbox_test_get_int (memos, "total", 0), >, 1000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (black, "blaPhone")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (flows, "callflow")), >, 0);

  /* The recordings: every call record's file, a few hundred of them, each a WAV of 5–60 s. */
  for (guint page = 0; page < 20; page++)
    {
      g_autofree char *start = g_strdup_printf ("%u", page * 1000);
      g_autoptr(JsonObject) calls = sandbox_test_call (demo, ADMIN, ADMIN_PW, "findDialrecord",
                                                       "start", start, "limit", "1000", NULL);
      JsonArray *calls_rows = json_object_get_array_member (calls, "rows");

      for (guint i = 0; i < json_array_get_length (calls_rows); i++)
        {
          JsonObject *call = json_array_get_object_element (calls_rows, i);
          const char *file = member_string (call, "cdrRecordFile");

          if (*file != '\0')
            g_ptr_array_add (files, g_strdup (file));
          with_memo += sandbox_test_get_int (call, "cdrCmmId", 0) != 0;
        }
    }
  g_test_message ("%u recordings, %" G_GINT64_FORMAT " calls with a memo", files->len, with_memo);
  g_assert_cmpuint (files->len, >=, 100);
  g_assert_cmpuint (files->len, <=, 1000);
  g_assert_cmpint (with_memo, >, 0);
  for (guint i = 0; i < files->len; i += files->len / 5)
    {
      g_autofree char *path = g_strconcat ("/voip/record/", (char *) files->pdata[i], NULL);
      g_autoptr(SandboxTestResponse) wav = sandbox_test_request (demo, NULL, "GET", path, NULL, NULL,
                                                                 NULL, 30000);
      const guint8 *bytes;
      gsize size;
      guint32 byte_rate, data_size;
      double seconds;

      g_assert_cmpuint (wav->status, ==, 200);
      bytes = g_bytes_get_data (wav->body, &size);
      g_assert_cmpuint (size, >, 44);
      g_assert_cmpmem (bytes, 4, "RIFF", 4);
      g_assert_cmpmem (bytes + 8, 4, "WAVE", 4);
      byte_rate = GUINT32_FROM_LE (*(const guint32 *) (bytes + 28));
      data_size = GUINT32_FROM_LE (*(const guint32 *) (bytes + 40));
      g_assert_cmpuint (byte_rate, >, 0);
      seconds = (double) data_size / byte_rate;
      g_assert_cmpfloat (seconds, >=, 5.0);
      g_assert_cmpfloat (seconds, <=, 60.5);
    }

  sandbox_test_server_stop (demo);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sandbox_test_server_start (NULL, NULL);

  g_test_add_func ("/agent/sandbox-data-tasks/call-flows", test_call_flows);
  g_test_add_func ("/agent/sandbox-data-tasks/add-task-strict", test_add_task_strict);
  g_test_add_func ("/agent/sandbox-data-tasks/add-task-and-details", test_add_task_and_details);
  g_test_add_func ("/agent/sandbox-data-tasks/call-next-and-report", test_call_next_and_report);
  g_test_add_func ("/agent/sandbox-data-tasks/seed-time", test_seed_time);
  g_test_add_func ("/agent/sandbox-data-tasks/demo-contents", test_demo_contents);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  return status;
}
