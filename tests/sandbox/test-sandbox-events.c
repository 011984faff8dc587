/* test-sandbox-events.c — babaihu-sandbox's per-agent messages: scripted calls, watermarks,
 * recvMsg, getLongWaterLine held and released, hundreds of long polls, sendMsg, the call
 * controls and --simulate, against the real binary
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
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *env[] = { "BABAIHU_SANDBOX_LONGPOLL_MS=30000", NULL };

  f->server = sandbox_test_server_start (NULL, env);
}

static void
fixture_set_up_short_poll (Fixture       *f,
                           gconstpointer  data)
{
  const char *env[] = { "BABAIHU_SANDBOX_LONGPOLL_MS=400", NULL };

  f->server = sandbox_test_server_start (NULL, env);
}

static void
fixture_set_up_simulate (Fixture       *f,
                         gconstpointer  data)
{
  const char *args[] = { "--simulate", NULL };
  const char *env[] = {
    "BABAIHU_SANDBOX_LONGPOLL_MS=30000",
    "BABAIHU_SANDBOX_SIM_MIN_MS=200",
    "BABAIHU_SANDBOX_SIM_MAX_MS=600",
    NULL
  };

  f->server = sandbox_test_server_start (args, env);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sandbox_test_server_stop (f->server);
}

static gint64
control_call (Fixture    *f,
              const char *json)
{
  g_autoptr(JsonObject) answer = sandbox_test_control (f->server, "/sandbox/call", json);
  gint64 cdr_id = sandbox_test_get_int (answer, "cdrId", 0);

  g_assert_cmpint (cdr_id, >, 0);
  return cdr_id;
}

static JsonObject *
wait_for (Fixture    *f,
          const char *phone,
          int         status,
          gint64     *water_line)
{
  return sandbox_test_wait_for_event (f->server, AGENT, PASSWORD, phone, status, water_line, 20000);
}

static JsonArray *
recv_msgs (Fixture    *f,
           const char *client,
           gint64      after,
           const char *limit,
           JsonObject **out_answer)
{
  g_autofree char *water_line = g_strdup_printf ("%" G_GINT64_FORMAT, after);
  JsonObject *answer = sandbox_test_call (f->server, AGENT, PASSWORD, "recvMsg", "client", client,
                                          "waterLine", water_line, "limit", limit, NULL);

  g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
  *out_answer = answer;
  return json_object_get_array_member (answer, "msgs");
}

static void
test_scripted_call_order (Fixture       *f,
                          gconstpointer  data)
{
  gint64 cdr_id = control_call (f, "{\"extension\":\"800\",\"phone\":\"13800001111\","
                                   "\"direction\":\"in\",\"ring_ms\":100,\"talk_ms\":1200}");
  g_autoptr(JsonObject) hangup = NULL;
  g_autoptr(JsonObject) all_answer = NULL;
  g_autoptr(JsonObject) rest_answer = NULL;
  g_autoptr(JsonObject) first_answer = NULL;
  g_autofree char *expected_end = g_strdup_printf ("{status:2,cdrId:%" G_GINT64_FORMAT ",", cdr_id);
  gint64 water_line = 0, previous = 0;
  JsonArray *all, *rest, *first;

  hangup = wait_for (f, "13800001111", 2, &water_line);

  all = recv_msgs (f, "1", 0, "100", &all_answer);
  g_assert_cmpuint (json_array_get_length (all), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *msg = json_array_get_object_element (all, i);
      g_autofree char *status = g_strdup_printf ("{status:%u,", i);
      gint64 line = sandbox_test_get_int (msg, "waterLine", 0);

      g_assert_cmpstr (json_object_get_string_member (msg, "kind"), ==, "2");
      g_assert_cmpstr (json_object_get_string_member (msg, "phone"), ==, "13800001111");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (msg, "content"), status));
      g_assert_cmpint (sandbox_test_get_int (msg, "time", 0), >, 0);
      g_assert_cmpint (line, >, previous);
      previous = line;
    }
  /* Ringing and answered carry no record yet; the hang-up carries the promised cdrId. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 0), "content"),
                   ==, "{status:0,cdrId:-1,talkTimes:0}");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (all, 2),
                                                                  "content"), expected_end));
  g_assert_cmpint (sandbox_test_get_int (all_answer, "waterLine", 0), ==, previous);

  /* Only what is above the given watermark, and no more than the limit. */
  rest = recv_msgs (f, "1", sandbox_test_get_int (json_array_get_object_element (all, 1),
                                                  "waterLine", 0), "100", &rest_answer);
  g_assert_cmpuint (json_array_get_length (rest), ==, 1);
  first = recv_msgs (f, "1", 0, "1", &first_answer);
  g_assert_cmpuint (json_array_get_length (first), ==, 1);
  g_assert_cmpint (sandbox_test_get_int (first_answer, "waterLine", 0), ==,
                   sandbox_test_get_int (json_array_get_object_element (all, 0), "waterLine", -1));
}

static void
test_outgoing_missed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) out_end = NULL;
  g_autoptr(JsonObject) missed_end = NULL;
  gint64 water_line = 0;

  control_call (f, "{\"extension\":\"100008800\",\"phone\":\"02368001234\",\"direction\":\"out\","
                   "\"ring_ms\":50,\"talk_ms\":300}");
  out_end = wait_for (f, "02368001234", 2, &water_line);
  g_assert_cmpstr (json_object_get_string_member (out_end, "kind"), ==, "1");

  /* talk_ms 0: nobody answers, the hang-up follows the ringing with no talk. */
  control_call (f, "{\"extension\":\"800\",\"phone\":\"13800002222\",\"ring_ms\":100,\"talk_ms\":0}");
  missed_end = wait_for (f, "13800002222", 2, &water_line);
  g_assert_nonnull (strstr (json_object_get_string_member (missed_end, "content"), "talkTimes:0"));
  {
    g_autoptr(JsonObject) answer = NULL;
    JsonArray *msgs = recv_msgs (f, "1", 0, "100", &answer);
    guint answered = 0;

    for (guint i = 0; i < json_array_get_length (msgs); i++)
      {
        JsonObject *msg = json_array_get_object_element (msgs, i);

        if (g_str_equal (json_object_get_string_member (msg, "phone"), "13800002222")
            && g_str_has_prefix (json_object_get_string_member (msg, "content"), "{status:1,"))
          answered++;
      }
    g_assert_cmpuint (answered, ==, 0);
  }
}

typedef struct
{
  Fixture *f;
  gint64   waiters;
} Waiters;

static gboolean
waiters_reached (gpointer user_data)
{
  Waiters *w = user_data;
  g_autoptr(JsonObject) status = sandbox_test_control (w->f->server, "/sandbox/status", NULL);

  return sandbox_test_get_int (status, "waiters", -1) >= w->waiters;
}

static void
test_long_poll_released (Fixture       *f,
                         gconstpointer  data)
{
  SandboxTestPending *pending = sandbox_test_call_start (f->server, AGENT, PASSWORD,
                                                         "getLongWaterLine", "client", "1",
                                                         "message", "1", "waterLine", "0", NULL);
  g_autoptr(JsonObject) answer = NULL;
  Waiters w = { f, 1 };
  JsonArray *msgs;
  JsonObject *msg;
  gint64 started;

  /* The server holds the request: it is counted as a waiter and not answered. */
  sandbox_test_wait_until (waiters_reached, &w, 10000);
  g_assert_false (sandbox_test_pending_is_done (pending));

  started = g_get_monotonic_time ();
  control_call (f, "{\"extension\":\"800\",\"phone\":\"13800003333\",\"ring_ms\":60000,\"talk_ms\":0}");
  answer = sandbox_test_call_finish (pending, 10000);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);

  g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
  msgs = json_object_get_array_member (answer, "msgs");
  g_assert_cmpuint (json_array_get_length (msgs), ==, 1);
  msg = json_array_get_object_element (msgs, 0);
  g_assert_cmpstr (json_object_get_string_member (msg, "phone"), ==, "13800003333");
  g_assert_cmpstr (json_object_get_string_member (msg, "content"), ==, "{status:0,cdrId:-1,talkTimes:0}");
  g_assert_cmpint (sandbox_test_get_int (answer, "waterline", 0), ==,
                   sandbox_test_get_int (msg, "waterLine", -1));
  g_assert_true (json_object_has_member (answer, "userInfo"));
  g_assert_true (json_object_has_member (answer, "keylist"));
}

static void
test_long_poll_timeout (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *query = sandbox_test_call_query (AGENT, PASSWORD, "getLongWaterLine", "client",
                                                    "1", "waterLine", "1234", NULL);
  g_autofree char *path = g_strconcat ("/voip/api/jsondata.html", query, NULL);

  response = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 10000);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpint (response->elapsed_ms, >=, 350);
  answer = sandbox_test_response_json (response);
  g_assert_nonnull (answer);
  g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "msgs")), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (answer, "waterline", 0), ==, 1234);
}

/* 500 agents long-polling at once (the figure), five polls each from 100 agents: the
 * demo's four plus 96 an administrator adds. A SoupServer on one main loop holds them all. */
#define N_AGENTS 100
#define N_POLLS  500

static void
test_many_long_polls (Fixture       *f,
                      gconstpointer  data)
{
  static const char *demo[] = { "100008800", "100008801", "100008802", "100008803" };
  char *accounts[N_AGENTS];
  SandboxTestPending *pending[N_POLLS];
  Waiters w = { f, N_POLLS };
  g_autoptr(JsonObject) status = NULL;
  guint answered = 0;
  gint64 started;

  for (guint a = 0; a < N_AGENTS; a++)
    {
      if (a < G_N_ELEMENTS (demo))
        accounts[a] = g_strdup (demo[a]);
      else
        {
          g_autofree char *extension = g_strdup_printf ("%u", 400 + a);
          g_autoptr(JsonObject) added = sandbox_test_call (f->server, SANDBOX_TEST_ADMIN,
                                                           SANDBOX_TEST_ADMIN_PASSWORD, "addExtension",
                                                           "exteExtension", extension,
                                                           "exteName", extension,
                                                           "extePassword", PASSWORD, NULL);

          g_assert_cmpint (sandbox_test_get_int (added, "code", -99), ==, 0);
          accounts[a] = g_strconcat ("100008", extension, NULL);
        }
    }

  started = g_get_monotonic_time ();
  for (guint i = 0; i < N_POLLS; i++)
    pending[i] = sandbox_test_call_start (f->server, accounts[i % N_AGENTS], PASSWORD,
                                          "getLongWaterLine", "client", "1", "message", "1",
                                          "waterLine", "0", NULL);
  sandbox_test_wait_until (waiters_reached, &w, 60000);
  g_test_message ("%u long polls held after %.1f s", N_POLLS,
                  (g_get_monotonic_time () - started) / 1e6);

  /* While it holds them, the server still answers at once. */
  {
    g_autoptr(SandboxTestResponse) response = NULL;
    g_autofree char *query = sandbox_test_call_query (AGENT, PASSWORD, "getExtension", NULL);
    g_autofree char *path = g_strconcat ("/voip/api/jsondata.html", query, NULL);

    response = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 10000);
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpint (response->elapsed_ms, <, 2000);
  }

  /* One call for each agent releases every poll of that agent, and only those. */
  for (guint a = 0; a < N_AGENTS; a++)
    {
      g_autofree char *json = g_strdup_printf ("{\"extension\":\"%s\",\"phone\":\"13900%06u\","
                                               "\"ring_ms\":60000,\"talk_ms\":0}", accounts[a] + 6, a);
      control_call (f, json);
    }

  for (guint i = 0; i < N_POLLS; i++)
    {
      g_autoptr(JsonObject) answer = sandbox_test_call_finish (pending[i], 30000);
      g_autofree char *phone = g_strdup_printf ("13900%06u", i % N_AGENTS);
      JsonArray *msgs = json_object_get_array_member (answer, "msgs");

      g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
      g_assert_cmpuint (json_array_get_length (msgs), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (msgs, 0), "phone"),
                       ==, phone);
      answered++;
    }
  g_assert_cmpuint (answered, ==, N_POLLS);

  status = sandbox_test_control (f->server, "/sandbox/status", NULL);
  g_assert_cmpint (sandbox_test_get_int (status, "waiters", -1), ==, 0);
  for (guint a = 0; a < N_AGENTS; a++)
    g_free (accounts[a]);
}

static void
test_send_msg (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) sent = sandbox_test_call (f->server, AGENT, PASSWORD, "sendMsg", "kind", "1",
                                                  "client", "2", "phone", "13700001234",
                                                  "content", "客户端拨号", "time", "1700000000000",
                                                  "lostTime", "100", NULL);
  g_autoptr(JsonObject) pc_answer = NULL;
  g_autoptr(JsonObject) mobile_answer = NULL;
  g_autoptr(JsonObject) bad = sandbox_test_call (f->server, AGENT, PASSWORD, "sendMsg", "kind", "9",
                                                 "phone", "13700001234", NULL);
  JsonArray *pc, *mobile;
  JsonObject *msg;

  g_assert_cmpint (sandbox_test_get_int (sent, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (bad, "code", 0), ==, -3);

  /* The PC client sees what the phone sent; the phone does not get its own message back. */
  pc = recv_msgs (f, "1", 0, "100", &pc_answer);
  g_assert_cmpuint (json_array_get_length (pc), ==, 1);
  msg = json_array_get_object_element (pc, 0);
  g_assert_cmpstr (json_object_get_string_member (msg, "kind"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (msg, "phone"), ==, "13700001234");
  g_assert_cmpstr (json_object_get_string_member (msg, "content"), ==, "客户端拨号");
  g_assert_cmpint (sandbox_test_get_int (msg, "time", 0), ==, G_GINT64_CONSTANT (1700000000000));

  mobile = recv_msgs (f, "2", 0, "100", &mobile_answer);
  g_assert_cmpuint (json_array_get_length (mobile), ==, 0);
}

static void
test_desktop_answer_hangup (Fixture       *f,
                            gconstpointer  data)
{
  gint64 cdr_id = control_call (f, "{\"extension\":\"800\",\"phone\":\"13800004444\","
                                   "\"ring_ms\":60000,\"talk_ms\":60000}");
  g_autoptr(JsonObject) ring = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(JsonObject) hangup = NULL;
  g_autoptr(JsonObject) answer_sent = NULL;
  g_autoptr(JsonObject) hangup_sent = NULL;
  g_autofree char *expected = g_strdup_printf ("{status:2,cdrId:%" G_GINT64_FORMAT ",", cdr_id);
  gint64 water_line = 0;

  ring = wait_for (f, "13800004444", 0, &water_line);
  answer_sent = sandbox_test_call (f->server, AGENT, PASSWORD, "sendMsg", "kind", "6", "client", "1",
                                   "phone", "13800004444", NULL);
  g_assert_cmpint (sandbox_test_get_int (answer_sent, "code", -99), ==, 0);
  answered = wait_for (f, "13800004444", 1, &water_line);

  hangup_sent = sandbox_test_call (f->server, AGENT, PASSWORD, "sendMsg", "kind", "7", "client", "1",
                                   "phone", "13800004444", NULL);
  g_assert_cmpint (sandbox_test_get_int (hangup_sent, "code", -99), ==, 0);
  hangup = wait_for (f, "13800004444", 2, &water_line);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (hangup, "content"), expected));
}

static void
test_hangup_transfer (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) ring = NULL;
  g_autoptr(JsonObject) talking = NULL;
  g_autoptr(JsonObject) left = NULL;
  g_autoptr(JsonObject) transferred = NULL;
  g_autoptr(JsonObject) colleague_ring = NULL;
  g_autoptr(JsonObject) nothing = NULL;
  g_autoptr(JsonObject) second_ring = NULL;
  g_autoptr(JsonObject) hung_up = NULL;
  g_autoptr(JsonObject) hangup = NULL;
  gint64 water_line = 0, colleague_line = 0;

  nothing = sandbox_test_call (f->server, AGENT, PASSWORD, "hangupExten", NULL);
  g_assert_cmpint (sandbox_test_get_int (nothing, "code", 0), ==, -11);

  /* transferExten: the caller leaves 800 and rings 801. */
  control_call (f, "{\"extension\":\"800\",\"phone\":\"13800005555\",\"ring_ms\":50,\"talk_ms\":60000}");
  talking = wait_for (f, "13800005555", 1, &water_line);
  transferred = sandbox_test_call (f->server, AGENT, PASSWORD, "transferExten", "descExten", "801",
                                   NULL);
  g_assert_cmpint (sandbox_test_get_int (transferred, "code", -99), ==, 0);
  left = wait_for (f, "13800005555", 2, &water_line);
  colleague_ring = sandbox_test_wait_for_event (f->server, "100008801", PASSWORD, "13800005555", 0,
                                                &colleague_line, 20000);

  /* hangupExten ends the call in progress. */
  control_call (f, "{\"extension\":\"800\",\"phone\":\"13800006666\",\"ring_ms\":60000,\"talk_ms\":0}");
  second_ring = wait_for (f, "13800006666", 0, &water_line);
  hung_up = sandbox_test_call (f->server, AGENT, PASSWORD, "hangupExten", "phoneNum", "13800006666",
                               NULL);
  g_assert_cmpint (sandbox_test_get_int (hung_up, "code", -99), ==, 0);
  hangup = wait_for (f, "13800006666", 2, &water_line);
}

/* One simulated call as its events tell it: statuses in order, and the hang-up's content. */
typedef struct
{
  char      *phone;
  GString   *statuses;    /* "0", "01", "012", "02" */
  gint64     cdr_id;
  gint64     talk_times;
} SimSeen;

static void
sim_seen_free (gpointer data)
{
  SimSeen *seen = data;

  g_free (seen->phone);
  g_string_free (seen->statuses, TRUE);
  g_free (seen);
}

/* A number from a `content` like {status:2,cdrId:123,talkTimes:9}. */
static gint64
content_number (const char *content,
                const char *name)
{
  g_autofree char *key = g_strconcat (name, ":", NULL);
  const char *at = strstr (content, key);

  return at != NULL ? g_ascii_strtoll (at + strlen (key), NULL, 10) : G_MININT64;
}

static void
test_simulate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) checked_in = sandbox_test_call (f->server, AGENT, PASSWORD,
                                                        "setUserCheckInOut", "status", "0", NULL);
  g_autoptr(JsonObject) colleague_in = sandbox_test_call (f->server, "100008801", PASSWORD,
                                                          "setUserCheckInOut", "status", "0", NULL);
  g_autoptr(JsonObject) colleague_ring = NULL;
  g_autoptr(JsonObject) away = NULL;
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (sim_seen_free);
  g_autoptr(GHashTable) ongoing = g_hash_table_new (g_str_hash, g_str_equal);
  guint answered = 0, missed = 0, known = 0, unknown = 0;
  gint64 water_line = 0, colleague_line = 0;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_assert_cmpint (sandbox_test_get_int (checked_in, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (colleague_in, "code", -99), ==, 0);

  /* Every call the simulator gives the agent, from its first event to its hang-up, until both
   * answered and missed calls, from customers and from unknown numbers, have come. */
  while (!(answered >= 2 && missed >= 1 && known >= 1 && unknown >= 1))
    {
      g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, water_line);
      g_autoptr(JsonObject) answer = NULL;
      JsonArray *msgs;

      if (g_get_monotonic_time () > deadline)
        g_error ("after %u calls: %u answered, %u missed, %u known, %u unknown", calls->len,
                 answered, missed, known, unknown);
      answer = sandbox_test_call (f->server, AGENT, PASSWORD, "getLongWaterLine", "client", "1",
                                  "message", "1", "waterLine", after, NULL);
      msgs = json_object_get_array_member (answer, "msgs");
      for (guint i = 0; msgs != NULL && i < json_array_get_length (msgs); i++)
        {
          JsonObject *msg = json_array_get_object_element (msgs, i);
          const char *phone = json_object_get_string_member (msg, "phone");
          const char *content = json_object_get_string_member (msg, "content");
          gint64 status = content_number (content, "status");
          SimSeen *seen = g_hash_table_lookup (ongoing, phone);

          water_line = MAX (water_line, sandbox_test_get_int (msg, "waterLine", 0));
          g_assert_cmpstr (json_object_get_string_member (msg, "kind"), ==, "2");
          if (seen == NULL)
            {
              /* a call starts ringing */
              g_assert_cmpint (status, ==, 0);
              seen = g_new0 (SimSeen, 1);
              seen->phone = g_strdup (phone);
              seen->statuses = g_string_new (NULL);
              g_ptr_array_add (calls, seen);
              g_hash_table_insert (ongoing, seen->phone, seen);
            }
          g_string_append_printf (seen->statuses, "%" G_GINT64_FORMAT, status);
          if (status != 2)
            continue;

          /* hung up: its record is there, with a recording when it was answered */
          g_hash_table_remove (ongoing, phone);
          seen->cdr_id = content_number (content, "cdrId");
          seen->talk_times = content_number (content, "talkTimes");
          g_assert_cmpint (seen->cdr_id, >, 0);
          {
            g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, seen->cdr_id);
            g_autoptr(JsonObject) record = sandbox_test_call (f->server, AGENT, PASSWORD,
                                                              "findDialrecord", "scdrId", id, NULL);
            g_autoptr(JsonObject) customer = sandbox_test_call (f->server, AGENT, PASSWORD,
                                                                "getcustomer", "phoneNum", phone, NULL);
            JsonArray *rows = json_object_get_array_member (record, "rows");
            JsonObject *row;
            const char *file;

            g_assert_cmpuint (json_array_get_length (rows), ==, 1);
            row = json_array_get_object_element (rows, 0);
            g_assert_cmpstr (json_object_get_string_member (row, "cdrPhoneNum"), ==, phone);
            g_assert_cmpint (sandbox_test_get_int (row, "cdrPeer", 0), ==, 2);
            file = json_object_get_string_member (row, "cdrRecordFile");
            if (g_str_equal (seen->statuses->str, "012"))
              {
                g_autofree char *path = g_strconcat ("/voip/record/", file, NULL);
                g_autoptr(SandboxTestResponse) wav = NULL;

                g_assert_cmpint (seen->talk_times, >, 0);
                g_assert_cmpint (sandbox_test_get_int (row, "cdrTalktime", 0), >, 0);
                wav = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
                g_assert_cmpuint (wav->status, ==, 200);
                g_assert_cmpstr (wav->content_type, ==, "audio/x-wav");
                answered++;
              }
            else
              {
                g_assert_cmpstr (seen->statuses->str, ==, "02");
                g_assert_cmpint (seen->talk_times, ==, 0);
                g_assert_cmpint (sandbox_test_get_int (row, "cdrTalktime", -1), ==, 0);
                missed++;
              }
            if (json_node_is_null (json_object_get_member (customer, "customer")))
              unknown++;
            else
              known++;
          }
        }
    }
  g_test_message ("%u calls: %u answered, %u missed, %u from customers, %u unknown", calls->len,
                  answered, missed, known, unknown);

  /* The other checked-in agent got calls of its own; one who did not check in got none. */
  colleague_ring = sandbox_test_wait_for_event (f->server, "100008801", PASSWORD, NULL, 0,
                                                &colleague_line, 30000);
  g_assert_cmpstr (json_object_get_string_member (colleague_ring, "kind"), ==, "2");
  away = sandbox_test_call (f->server, "100008802", PASSWORD, "recvMsg", "client", "1",
                            "waterLine", "0", "limit", "1000", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (away, "msgs")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) \
  g_test_add ("/agent/sandbox-events/" path, Fixture, NULL, setup, func, fixture_tear_down)
  ADD ("scripted-call-order", fixture_set_up, test_scripted_call_order);
  ADD ("outgoing-and-missed", fixture_set_up, test_outgoing_missed);
  ADD ("long-poll-released", fixture_set_up, test_long_poll_released);
  ADD ("long-poll-timeout", fixture_set_up_short_poll, test_long_poll_timeout);
  ADD ("many-long-polls", fixture_set_up, test_many_long_polls);
  ADD ("send-msg", fixture_set_up, test_send_msg);
  ADD ("desktop-answer-hangup", fixture_set_up, test_desktop_answer_hangup);
  ADD ("hangup-transfer", fixture_set_up, test_hangup_transfer);
  ADD ("simulate", fixture_set_up_simulate, test_simulate);
#undef ADD

  return g_test_run ();
}
