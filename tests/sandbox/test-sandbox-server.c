/* test-sandbox-server.c — babaihu-sandbox's HTTP surface: auth, dispatch, check-in, JSONP,
 * callbacks, recordings (Range, MP3) and the control API, against the real binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sandbox-test-util.h"

typedef struct
{
  SandboxTestServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *env[] = {
    "BABAIHU_SANDBOX_CALLBACK_RING_MS=200",
    "BABAIHU_SANDBOX_CALLBACK_TALK_MS=1200",
    NULL
  };

  f->server = sandbox_test_server_start (NULL, env);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sandbox_test_server_stop (f->server);
}

static JsonObject *
agent_call (Fixture    *f,
            const char *method,
            ...)
{
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) extra = g_string_new ("");
  const char *name;
  va_list args;

  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_string_append_printf (extra, "&%s=", name);
      g_string_append_uri_escaped (extra, value, NULL, TRUE);
    }
  va_end (args);

  query = sandbox_test_call_query (SANDBOX_TEST_AGENT, SANDBOX_TEST_AGENT_PASSWORD, method, NULL);
  path = g_strconcat ("/voip/api/jsondata.html", query, extra->str, NULL);
  return sandbox_test_call_finish (sandbox_test_send (f->server, NULL, "GET", path, NULL, NULL,
                                                      NULL),
                                   30000);
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) upper = NULL;
  g_autoptr(JsonObject) admin = NULL;
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autofree char *md5 = sandbox_test_md5 (SANDBOX_TEST_AGENT_PASSWORD);
  g_autofree char *md5_upper = g_ascii_strup (md5, -1);
  g_autofree char *path = NULL;

  answer = sandbox_test_call (f->server, SANDBOX_TEST_AGENT, SANDBOX_TEST_AGENT_PASSWORD,
                              "getExtension", NULL);
  g_assert_cmpint (sandbox_test_get_int (answer, "code", -99), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (answer, "extension"), ==, "800");
  g_assert_cmpstr (json_object_get_string_member (answer, "compNumber"), ==, "100008");
  g_assert_true (json_object_has_member (answer, "exteId"));
  g_assert_true (json_object_has_member (answer, "name"));
  g_assert_true (json_object_has_member (answer, "compName"));
  g_assert_true (json_object_has_member (answer, "disablePhoneNum"));
  g_assert_true (json_object_has_member (answer, "exteLoginType"));
  g_assert_true (json_object_has_member (answer, "sessionId"));
  g_assert_true (json_object_has_member (answer, "compId"));
  g_assert_true (json_object_has_member (answer, "loginLine"));
  g_assert_cmpint (sandbox_test_get_int (answer, "exteStatus", -1), !=, 2);

  /* The document's example sends the MD5 in upper case: both cases are accepted. */
  path = g_strdup_printf ("/voip/api/jsondata.html?sa_user=%s&sa_password=%s&method=getExtension",
                          SANDBOX_TEST_AGENT, md5_upper);
  response = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  upper = sandbox_test_response_json (response);
  g_assert_nonnull (upper);
  g_assert_cmpint (sandbox_test_get_int (upper, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (upper, "exteId", 0), ==,
                   sandbox_test_get_int (answer, "exteId", -1));

  admin = sandbox_test_call (f->server, SANDBOX_TEST_ADMIN, SANDBOX_TEST_ADMIN_PASSWORD,
                             "getExtension", NULL);
  g_assert_cmpint (sandbox_test_get_int (admin, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (admin, "exteStatus", -1), ==, 2);
}

static void
test_auth_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) wrong = NULL;
  g_autoptr(JsonObject) unknown_user = NULL;
  g_autoptr(JsonObject) missing = NULL;

  wrong = sandbox_test_call (f->server, SANDBOX_TEST_AGENT, "not-the-password", "getExtension", NULL);
  g_assert_cmpint (sandbox_test_get_int (wrong, "code", 0), ==, -2);
  g_assert_nonnull (json_object_get_string_member (wrong, "message"));

  unknown_user = sandbox_test_call (f->server, "999999999", SANDBOX_TEST_AGENT_PASSWORD,
                                    "getExtension", NULL);
  g_assert_cmpint (sandbox_test_get_int (unknown_user, "code", 0), ==, -2);

  missing = sandbox_test_call (f->server, NULL, NULL, "getExtension", NULL);
  g_assert_cmpint (sandbox_test_get_int (missing, "code", 0), ==, -2);
}

static void
test_dispatch_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) unknown = agent_call (f, "noSuchMethod", NULL);
  g_autoptr(JsonObject) suffixed = agent_call (f, "getExtension.html", NULL);
  g_autoptr(JsonObject) missing = agent_call (f, "setUserCheckInOut", NULL);
  g_autoptr(JsonObject) missing_two = agent_call (f, "callbackPhone", NULL);
  g_autoptr(JsonObject) bad_value = agent_call (f, "setUserCheckInOut", "status", "maybe", NULL);
  const char *message;

  g_assert_cmpint (sandbox_test_get_int (unknown, "code", 0), ==, -3);
  g_assert_cmpstr (json_object_get_string_member (unknown, "message"), ==,
                   "unknown method noSuchMethod");

  g_assert_cmpint (sandbox_test_get_int (suffixed, "code", -99), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (suffixed, "extension"), ==, "800");

  g_assert_cmpint (sandbox_test_get_int (missing, "code", 0), ==, -3);
  g_assert_nonnull (strstr (json_object_get_string_member (missing, "message"), "status"));

  message = json_object_get_string_member (missing_two, "message");
  g_assert_cmpint (sandbox_test_get_int (missing_two, "code", 0), ==, -3);
  g_assert_nonnull (strstr (message, "sourcePhone"));
  g_assert_nonnull (strstr (message, "descPhone"));

  g_assert_cmpint (sandbox_test_get_int (bad_value, "code", 0), ==, -3);
  g_assert_nonnull (strstr (json_object_get_string_member (bad_value, "message"), "status"));
}

static void
test_admin_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) as_agent = agent_call (f, "getBlacklists", NULL);
  g_autoptr(JsonObject) as_admin = NULL;

  g_assert_cmpint (sandbox_test_get_int (as_agent, "code", 0), ==, -5);

  as_admin = sandbox_test_call (f->server, SANDBOX_TEST_ADMIN, SANDBOX_TEST_ADMIN_PASSWORD,
                                "getBlacklists", NULL);
  g_assert_cmpint (sandbox_test_get_int (as_admin, "code", -99), ==, 0);
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) in = agent_call (f, "setUserCheckInOut", "status", "0", NULL);
  g_autoptr(JsonObject) after_in = agent_call (f, "getExtension", NULL);
  g_autoptr(JsonObject) out = agent_call (f, "setUserCheckInOut", "status", "1", NULL);
  g_autoptr(JsonObject) after_out = agent_call (f, "getExtension", NULL);
  g_autoptr(JsonObject) other = agent_call (f, "setUserCheckInOut", "status", "0", "exten", "801",
                                            NULL);

  g_assert_cmpint (sandbox_test_get_int (in, "code", -99), ==, 0);
  g_assert_true (json_object_get_boolean_member (after_in, "checkedIn"));
  g_assert_cmpint (sandbox_test_get_int (out, "code", -99), ==, 0);
  g_assert_false (json_object_get_boolean_member (after_out, "checkedIn"));
  /* An agent does not check colleagues in. */
  g_assert_cmpint (sandbox_test_get_int (other, "code", 0), ==, -5);
}

static void
test_post_forms (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *md5 = sandbox_test_md5 (SANDBOX_TEST_AGENT_PASSWORD);
  g_autofree char *form = g_strdup_printf ("sa_user=%s&sa_password=%s&method=getExtension",
                                           SANDBOX_TEST_AGENT, md5);
  g_autoptr(GBytes) form_body = g_bytes_new (form, strlen (form));
  g_autoptr(SandboxTestResponse) urlencoded = NULL;
  g_autoptr(SandboxTestResponse) multipart_response = NULL;
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) multipart_body = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autofree char *content_type = NULL;

  urlencoded = sandbox_test_request (f->server, NULL, "POST", "/voip/api/jsondata.html",
                                     "application/x-www-form-urlencoded", form_body, NULL, 30000);
  first = sandbox_test_response_json (urlencoded);
  g_assert_nonnull (first);
  g_assert_cmpint (sandbox_test_get_int (first, "code", -99), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "extension"), ==, "800");

  soup_multipart_append_form_string (multipart, "sa_user", SANDBOX_TEST_AGENT);
  soup_multipart_append_form_string (multipart, "sa_password", md5);
  soup_multipart_append_form_string (multipart, "method", "setUserCheckInOut");
  soup_multipart_append_form_string (multipart, "status", "0");
  soup_multipart_to_message (multipart, headers, &multipart_body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  multipart_response = sandbox_test_request (f->server, NULL, "POST", "/voip/api/jsondata.html",
                                             content_type, multipart_body, NULL, 30000);
  second = sandbox_test_response_json (multipart_response);
  g_assert_nonnull (second);
  g_assert_cmpint (sandbox_test_get_int (second, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (second, "status", -1), ==, 0);

  /* The multipart check-in is visible to the next call. */
  {
    g_autoptr(JsonObject) me = agent_call (f, "getExtension", NULL);

    g_assert_true (json_object_get_boolean_member (me, "checkedIn"));
  }
}

static void
test_jsonp (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *query = sandbox_test_call_query (SANDBOX_TEST_AGENT, SANDBOX_TEST_AGENT_PASSWORD,
                                                    "getExtension", "callback", "cb_42", NULL);
  g_autofree char *path = g_strconcat ("/voip/api/jsonpdata.jsonp", query, NULL);
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gsize length;

  response = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (response->status, ==, 200);
  body = g_strndup (g_bytes_get_data (response->body, &length), g_bytes_get_size (response->body));
  g_assert_true (g_str_has_prefix (body, "cb_42({"));
  g_assert_true (g_str_has_suffix (body, "})"));
  json_parser_load_from_data (parser, body + strlen ("cb_42("), strlen (body) - strlen ("cb_42()"),
                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "extension"), ==, "800");
}

static JsonObject *
callback_row (Fixture    *f,
              const char *id)
{
  g_autoptr(JsonObject) list = agent_call (f, "getCallbackList", "id", id, NULL);
  JsonArray *rows = json_object_get_array_member (list, "rows");

  g_assert_cmpint (sandbox_test_get_int (list, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (list, "total", -1), ==, 1);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  return json_object_ref (json_array_get_object_element (rows, 0));
}

static JsonObject *
wait_for (Fixture    *f,
          const char *phone,
          int         status,
          gint64     *water_line)
{
  return sandbox_test_wait_for_event (f->server, SANDBOX_TEST_AGENT, SANDBOX_TEST_AGENT_PASSWORD,
                                      phone, status, water_line, 20000);
}

static void
test_callback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) started = agent_call (f, "callbackPhone", "sourcePhone", SANDBOX_TEST_AGENT,
                                              "descPhone", "13912345678", "paramvalue", "a=b", NULL);
  g_autoptr(JsonObject) calling = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(JsonObject) ended = NULL;
  g_autoptr(JsonObject) records = NULL;
  g_autoptr(JsonObject) missed_start = NULL;
  g_autoptr(JsonObject) missed = NULL;
  g_autoptr(JsonObject) ring = NULL;
  g_autoptr(JsonObject) answer_msg = NULL;
  g_autoptr(JsonObject) hangup = NULL;
  g_autoptr(JsonObject) missed_hangup = NULL;
  g_autofree char *id = NULL;
  g_autofree char *missed_id = NULL;
  g_autofree char *cdr_id = NULL;
  g_autofree char *cdr_content = NULL;
  gint64 water_line = 0;
  JsonArray *rows;
  static const char * const fields[] = {
    "cbkId", "cbk_exteId", "cbkSourcePhone", "cbkDescPhone", "cbkStatus", "cbkCreateTime",
    "cbkBeginTime", "cbkSuccessTime", "cbkEndTime", "cbkTimes", "cbkTransferSuccessTime",
    "cbkTransferEndTime", "cbkTransferTimes", "cbkResultCode", "cbkErrorCode", "cbkWavFile",
    "cbkExtension",
  };

  g_assert_cmpint (sandbox_test_get_int (started, "code", -99), ==, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (started, "id", 0));
  g_assert_cmpstr (id, !=, "0");

  /* Calling: the agent's line rings (an outgoing call, kind 1). */
  ring = wait_for (f, "13912345678", 0, &water_line);
  g_assert_cmpstr (json_object_get_string_member (ring, "kind"), ==, "1");
  calling = callback_row (f, id);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (calling, fields[i]));
  g_assert_cmpint (sandbox_test_get_int (calling, "cbkStatus", -1), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (calling, "cbkDescPhone"), ==, "13912345678");
  g_assert_cmpstr (json_object_get_string_member (calling, "cbkSourcePhone"), ==, SANDBOX_TEST_AGENT);
  g_assert_cmpstr (json_object_get_string_member (calling, "cbkExtension"), ==, "800");
  g_assert_cmpstr (json_object_get_string_member (calling, "cbkBeginTime"), !=, "");

  answer_msg = wait_for (f, "13912345678", 1, &water_line);
  answered = callback_row (f, id);
  g_assert_cmpint (sandbox_test_get_int (answered, "cbkStatus", -1), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (answered, "cbkSuccessTime"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (answered, "cbkEndTime"), ==, "");

  hangup = wait_for (f, "13912345678", 2, &water_line);
  ended = callback_row (f, id);
  g_assert_cmpint (sandbox_test_get_int (ended, "cbkStatus", -1), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (ended, "cbkEndTime"), !=, "");
  g_assert_cmpint (sandbox_test_get_int (ended, "cbkTimes", 0), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (ended, "cbkWavFile"), !=, "");

  /* The hang-up carries the id of the call record it wrote, which findDialrecord finds. */
  cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (ended, "cdrId", 0));
  cdr_content = g_strdup_printf ("cdrId:%s,", cdr_id);
  g_assert_nonnull (strstr (json_object_get_string_member (hangup, "content"), cdr_content));
  records = agent_call (f, "findDialrecord", "scdrId", cdr_id, "limit", "1", NULL);
  rows = json_object_get_array_member (records, "rows");
  g_assert_nonnull (rows);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "cdrPhoneNum"), ==, "13912345678");

  /* A number that never answers ends in status 3. */
  missed_start = agent_call (f, "callbackPhone", "sourcePhone", SANDBOX_TEST_AGENT,
                             "descPhone", "13912340000", NULL);
  missed_id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (missed_start, "id", 0));
  missed_hangup = wait_for (f, "13912340000", 2, &water_line);
  missed = callback_row (f, missed_id);
  g_assert_cmpint (sandbox_test_get_int (missed, "cbkStatus", -1), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (missed, "cbkSuccessTime"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (missed, "cbkEndTime"), !=, "");
}

typedef struct
{
  Fixture    *f;
  const char *id;
} HookSeen;

static gboolean
hook_seen (gpointer user_data)
{
  HookSeen *seen = user_data;
  g_autoptr(JsonObject) log = sandbox_test_control (seen->f->server, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");

      if (g_strcmp0 (json_object_get_string_member (request, "path"), "/voip/cbk-hook") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (params, "cbkId", ""),
                        seen->id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_callback_url (Fixture       *f,
                   gconstpointer  data)
{
  /* The callback URL points back at the sandbox itself: the GET shows up in its request log
   * with the cbkId substituted. */
  g_autofree char *url = g_strdup_printf ("%s/voip/cbk-hook?cbkId={cbkId}", f->server->url);
  g_autofree char *encoded = g_base64_encode ((const guchar *) url, strlen (url));
  g_autoptr(JsonObject) started = agent_call (f, "callbackPhone", "sourcePhone", SANDBOX_TEST_AGENT,
                                              "descPhone", "13912345679", "callbackUrl", encoded,
                                              NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                         sandbox_test_get_int (started, "id", 0));
  g_autoptr(JsonObject) hangup = NULL;
  g_autoptr(JsonObject) bad = agent_call (f, "callbackPhone", "sourcePhone", SANDBOX_TEST_AGENT,
                                          "descPhone", "13912345679", "callbackUrl", "!!!", NULL);
  HookSeen seen = { f, id };
  gint64 water_line = 0;

  g_assert_cmpint (sandbox_test_get_int (started, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (bad, "code", 0), ==, -3);
  hangup = wait_for (f, "13912345679", 2, &water_line);
  sandbox_test_wait_until (hook_seen, &seen, 10000);
}

static void
test_control_call_and_log (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) call = sandbox_test_control (f->server, "/sandbox/call",
                                                     "{\"extension\":\"800\",\"phone\":\"13800000001\","
                                                     "\"direction\":\"in\",\"ring_ms\":100000,"
                                                     "\"talk_ms\":0}");
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) log = NULL;
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(JsonObject) wrong = NULL;
  g_autoptr(JsonObject) reset = NULL;
  g_autoptr(SandboxTestResponse) bad = NULL;
  g_autoptr(SandboxTestResponse) on_main = NULL;
  static const char bad_json[] = "{\"extension\":\"123456789\",\"phone\":\"1\"}";
  g_autoptr(GBytes) bad_body = g_bytes_new_static (bad_json, strlen (bad_json));
  JsonArray *requests;
  JsonObject *last;

  g_assert_cmpint (sandbox_test_get_int (call, "cdrId", 0), >, G_GINT64_CONSTANT (1) << 53);

  wrong = sandbox_test_call (f->server, SANDBOX_TEST_AGENT, "wrong", "getExtension", NULL);
  log = sandbox_test_control (f->server, "/sandbox/requests", NULL);
  requests = json_object_get_array_member (log, "requests");
  g_assert_cmpuint (json_array_get_length (requests), >=, 1);
  last = json_array_get_object_element (requests, json_array_get_length (requests) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "method"), ==, "getExtension");
  g_assert_cmpint (sandbox_test_get_int (last, "code", 0), ==, -2);
  g_assert_cmpint (sandbox_test_get_int (last, "status", 0), ==, 200);
  g_assert_cmpint (sandbox_test_get_int (last, "ts_ms", 0), >, 0);
  /* The password never shows, not even its MD5. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "params"),
                                                  "sa_password"), ==, "(redacted)");

  reset = sandbox_test_control (f->server, "/sandbox/reset-requests", "{}");
  empty = sandbox_test_control (f->server, "/sandbox/requests", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "requests")), ==, 0);

  /* An unknown agent is a 400 with a reason. */
  bad = sandbox_test_request (f->server, f->server->control_url, "POST", "/sandbox/call",
                              "application/json", bad_body, NULL, 30000);
  g_assert_cmpuint (bad->status, ==, 400);

  /* Without a fault, the control API answers on the API port too. */
  on_main = sandbox_test_request (f->server, NULL, "GET", "/sandbox/status", NULL, NULL, NULL, 30000);
  g_assert_cmpuint (on_main->status, ==, 200);
  status = sandbox_test_response_json (on_main);
  g_assert_nonnull (status);
  g_assert_cmpstr (json_object_get_string_member (status, "fault"), ==, "none");
}

static void
test_recording_range (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) call = sandbox_test_control (f->server, "/sandbox/call",
                                                     "{\"extension\":\"800\",\"phone\":\"13800000002\","
                                                     "\"ring_ms\":50,\"talk_ms\":1500,\"record\":true}");
  g_autofree char *cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             sandbox_test_get_int (call, "cdrId", 0));
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(SandboxTestResponse) full = NULL;
  g_autoptr(SandboxTestResponse) part = NULL;
  g_autoptr(SandboxTestResponse) missing = NULL;
  g_autoptr(SandboxTestResponse) traversal = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content_range = NULL;
  g_autoptr(JsonObject) hangup = NULL;
  gint64 water_line = 0;
  const guint8 *bytes;
  const char *file = NULL;
  JsonArray *rows;
  gsize size;

  /* The record (and its file) exists once the call has hung up. */
  hangup = wait_for (f, "13800000002", 2, &water_line);
  record = agent_call (f, "findDialrecord", "scdrId", cdr_id, "limit", "1", NULL);
  rows = json_object_get_array_member (record, "rows");
  g_assert_nonnull (rows);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  file = json_object_get_string_member (json_array_get_object_element (rows, 0), "cdrRecordFile");
  g_assert_nonnull (file);
  g_assert_cmpstr (file, !=, "");

  path = g_strconcat ("/voip/record/", file, NULL);
  full = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (full->status, ==, 200);
  g_assert_cmpstr (full->content_type, ==, "audio/x-wav");
  bytes = g_bytes_get_data (full->body, &size);
  g_assert_cmpuint (size, >, 44 + 8000);
  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpmem (bytes + 8, 4, "WAVE", 4);

  part = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, "bytes=100-199", 30000);
  g_assert_cmpuint (part->status, ==, 206);
  content_range = g_strdup_printf ("bytes 100-199/%" G_GSIZE_FORMAT, size);
  g_assert_cmpstr (soup_message_headers_get_one (part->headers, "Content-Range"), ==, content_range);
  g_assert_cmpmem (g_bytes_get_data (part->body, NULL), g_bytes_get_size (part->body),
                   bytes + 100, 100);

  /* What players also send: the last bytes, the rest from an offset, a range past the end
   * (416, with the length), and several ranges. */
  {
    g_autoptr(SandboxTestResponse) tail = sandbox_test_request (f->server, NULL, "GET", path, NULL,
                                                                NULL, "bytes=-100", 30000);
    g_autoptr(SandboxTestResponse) rest = sandbox_test_request (f->server, NULL, "GET", path, NULL,
                                                                NULL, "bytes=1000-", 30000);
    g_autoptr(SandboxTestResponse) past = sandbox_test_request (f->server, NULL, "GET", path, NULL,
                                                                NULL, "bytes=99999999-", 30000);
    g_autoptr(SandboxTestResponse) several = sandbox_test_request (f->server, NULL, "GET", path,
                                                                   NULL, NULL, "bytes=0-0,5-9",
                                                                   30000);
    g_autofree char *unsatisfiable = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, size);

    g_assert_cmpuint (tail->status, ==, 206);
    g_assert_cmpmem (g_bytes_get_data (tail->body, NULL), g_bytes_get_size (tail->body),
                     bytes + size - 100, 100);
    g_assert_cmpuint (rest->status, ==, 206);
    g_assert_cmpmem (g_bytes_get_data (rest->body, NULL), g_bytes_get_size (rest->body),
                     bytes + 1000, size - 1000);
    g_assert_cmpuint (past->status, ==, 416);
    g_assert_cmpstr (soup_message_headers_get_one (past->headers, "Content-Range"), ==,
                     unsatisfiable);
    g_assert_cmpuint (g_bytes_get_size (past->body), ==, 0);
    /* libsoup's server answers those from the whole file, one part per range. */
    g_assert_cmpuint (several->status, ==, 206);
    g_assert_cmpstr (several->content_type, ==, "multipart/byteranges");
  }

  missing = sandbox_test_request (f->server, NULL, "GET", "/voip/record/202001/01/none.wav", NULL,
                                  NULL, NULL, 30000);
  g_assert_cmpuint (missing->status, ==, 404);
  /* Nothing outside the recordings directory is served (libsoup itself refuses some forms). */
  traversal = sandbox_test_request (f->server, NULL, "GET", "/voip/record/..%2F..%2Fsandbox.db",
                                    NULL, NULL, NULL, 30000);
  g_assert_true (traversal->status == 400 || traversal->status == 404);
  {
    g_autoptr(SandboxTestResponse) dotted = sandbox_test_request (f->server, NULL, "GET",
                                                                  "/voip/record/%2E%2E/sandbox.db",
                                                                  NULL, NULL, NULL, 30000);

    g_assert_true (dotted->status == 400 || dotted->status == 404);
  }
}

static void
test_mp3_download (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) call = sandbox_test_control (f->server, "/sandbox/call",
                                                     "{\"extension\":\"800\",\"phone\":\"13800000003\","
                                                     "\"ring_ms\":50,\"talk_ms\":1200,\"record\":true}");
  gint64 cdr_id = sandbox_test_get_int (call, "cdrId", 0);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cdr_id);
  g_autofree char *query = sandbox_test_call_query (SANDBOX_TEST_AGENT, SANDBOX_TEST_AGENT_PASSWORD,
                                                    "download", "id", id, "ismp3", "1", NULL);
  g_autofree char *path = g_strconcat ("/voip/api/client/download/record.json", query, NULL);
  g_autofree char *noauth_path = g_strdup_printf ("/voip/api/client/download/record.json?id=%s&ismp3=1", id);
  g_autoptr(SandboxTestResponse) mp3 = NULL;
  g_autoptr(SandboxTestResponse) cached = NULL;
  g_autoptr(SandboxTestResponse) ranged = NULL;
  g_autoptr(SandboxTestResponse) noauth = NULL;
  g_autoptr(JsonObject) noauth_answer = NULL;
  g_autoptr(SandboxTestResponse) early = NULL;
  g_autoptr(JsonObject) hangup = NULL;
  gint64 water_line = 0;
  const guint8 *bytes;
  gsize size;

  /* Until the hang-up there is no recording; then the MP3 is made on demand. */
  early = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (early->status, ==, 404);
  hangup = wait_for (f, "13800000003", 2, &water_line);
  mp3 = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 60000);
  g_assert_cmpuint (mp3->status, ==, 200);
  g_assert_cmpstr (mp3->content_type, ==, "audio/mpeg");
  bytes = g_bytes_get_data (mp3->body, &size);
  g_assert_cmpuint (size, >, 128);
  /* An ID3 tag or an MPEG audio frame sync (11 set bits). */
  g_assert_true (memcmp (bytes, "ID3", 3) == 0 || (bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0));

  cached = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (cached->status, ==, 200);
  g_assert_true (g_bytes_equal (cached->body, mp3->body));

  ranged = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, "bytes=10-", 30000);
  g_assert_cmpuint (ranged->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (ranged->body, NULL), g_bytes_get_size (ranged->body),
                   bytes + 10, size - 10);

  noauth = sandbox_test_request (f->server, NULL, "GET", noauth_path, NULL, NULL, NULL, 30000);
  noauth_answer = sandbox_test_response_json (noauth);
  g_assert_nonnull (noauth_answer);
  g_assert_cmpint (sandbox_test_get_int (noauth_answer, "code", 0), ==, -2);
}

/* A call flow's message plays from /voip/sound/{cfIsend_wfPath} (2.10.1). */
static void
test_flow_sound (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) flows = sandbox_test_call (f->server, SANDBOX_TEST_ADMIN,
                                                   SANDBOX_TEST_ADMIN_PASSWORD, "findCallFlow",
                                                   NULL);
  g_autoptr(SandboxTestResponse) sound = NULL;
  g_autoptr(SandboxTestResponse) again = NULL;
  g_autoptr(SandboxTestResponse) unknown = NULL;
  g_autoptr(SandboxTestResponse) traversal = NULL;
  g_autofree char *path = NULL;
  const char *wf_path = NULL;
  JsonArray *rows = json_object_get_array_member (flows, "callflow");
  const guint8 *bytes;
  gsize size;

  g_assert_nonnull (rows);
  for (guint i = 0; i < json_array_get_length (rows) && wf_path == NULL; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *each = json_object_get_string_member_with_default (row, "cfIsend_wfPath", "");

      if (*each != '\0')
        wf_path = each;
    }
  g_assert_nonnull (wf_path);

  path = g_strconcat ("/voip/sound/", wf_path, NULL);
  sound = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (sound->status, ==, 200);
  g_assert_cmpstr (sound->content_type, ==, "audio/x-wav");
  bytes = g_bytes_get_data (sound->body, &size);
  g_assert_cmpuint (size, >, 44 + 8000);
  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpmem (bytes + 8, 4, "WAVE", 4);
  /* The same message the second time. */
  again = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (g_bytes_equal (again->body, sound->body));

  /* A path no flow names, and one that leaves the folder, are not served. */
  unknown = sandbox_test_request (f->server, NULL, "GET", "/voip/sound/100008/0.wav", NULL, NULL,
                                  NULL, 30000);
  g_assert_cmpuint (unknown->status, ==, 404);
  traversal = sandbox_test_request (f->server, NULL, "GET", "/voip/sound/..%2F..%2Fsandbox.db",
                                    NULL, NULL, NULL, 30000);
  g_assert_true (traversal->status == 400 || traversal->status == 404);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/sandbox-server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("login", test_login);
  ADD ("auth-errors", test_auth_errors);
  ADD ("dispatch-errors", test_dispatch_errors);
  ADD ("admin-only", test_admin_only);
  ADD ("check-in", test_check_in);
  ADD ("post-forms", test_post_forms);
  ADD ("jsonp", test_jsonp);
  ADD ("callback", test_callback);
  ADD ("callback-url", test_callback_url);
  ADD ("control-call-and-log", test_control_call_and_log);
  ADD ("recording-range", test_recording_range);
  ADD ("mp3-download", test_mp3_download);
  ADD ("flow-sound", test_flow_sound);
#undef ADD

  return g_test_run ();
}
