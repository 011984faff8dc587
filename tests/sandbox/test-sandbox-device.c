/* test-sandbox-device.c — babaihu-sandbox's device protocol (upload_record, upload_record_file,
 * sendTelCall), getTaskDetailPhone and the company push URL, against the real binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sandbox-test-util.h"

#define AGENT    SANDBOX_TEST_AGENT
#define PASSWORD SANDBOX_TEST_AGENT_PASSWORD
/* The demo's first recording box, assigned to agent 800. */
#define BOX_MAC  "00:1A:2B:3C:4D:10"

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
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sandbox_test_server_stop (f->server);
}

/* POSTs a multipart form (name, value pairs; a value starting with "@file:" is sent as the
 * file field's content) to the API and returns the answer object. */
static JsonObject *
post_multipart (Fixture    *f,
                GBytes     *file,
                const char *file_field,
                ...)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SandboxTestResponse) response = NULL;
  const char *name;
  JsonObject *answer;
  va_list args;

  va_start (args, file_field);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_multipart_append_form_string (multipart, name, va_arg (args, const char *));
  va_end (args);
  if (file != NULL)
    soup_multipart_append_form_file (multipart, file_field, "record.wav", "audio/x-wav", file);

  soup_multipart_to_message (multipart, headers, &body);
  response = sandbox_test_request (f->server, NULL, "POST", "/voip/api/jsondata.html",
                                   soup_message_headers_get_one (headers, "Content-Type"), body,
                                   NULL, 30000);
  g_assert_cmpuint (response->status, ==, 200);
  answer = sandbox_test_response_json (response);
  g_assert_nonnull (answer);
  return answer;
}

static void
test_upload_record_status (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) no_mac = sandbox_test_call (f->server, NULL, NULL, "upload_record",
                                                    "cmd", "channelstatus", NULL);
  g_autoptr(JsonObject) unknown = sandbox_test_call (f->server, NULL, NULL, "upload_record",
                                                     "cmd", "channelstatus",
                                                     "satellite", "00:00:00:00:99", NULL);
  g_autoptr(JsonObject) status = sandbox_test_call (f->server, NULL, NULL, "upload_record",
                                                    "cmd", "channelstatus", "satellite", BOX_MAC,
                                                    "status", "{\"diskUsagePercent\":\"5\"}", NULL);
  g_autoptr(JsonObject) nothing = sandbox_test_call (f->server, NULL, NULL, "upload_record",
                                                     "cmd", "getMessageList", "satellite",
                                                     "00:1a:2b:3c:4d:10", NULL);

  g_assert_cmpint (sandbox_test_get_int (no_mac, "status", 0), ==, 3002);
  g_assert_cmpint (sandbox_test_get_int (unknown, "status", 0), ==, 3001);
  g_assert_cmpint (sandbox_test_get_int (status, "status", -1), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (status, "time", 0), >, 0);
  /* MACs compare without regard to case; an empty queue is 3003. */
  g_assert_cmpint (sandbox_test_get_int (nothing, "status", 0), ==, 3003);

  /* The ports' states the box reports are what the administrator's channel monitor shows. */
  {
    g_autoptr(JsonObject) ports = sandbox_test_call (f->server, NULL, NULL, "upload_record",
                                                     "cmd", "channelstatus", "satellite", BOX_MAC,
                                                     "status",
                                                     "{\"diskUsagePercent\":\"5\",\"ip\":\"10.0.0.9\","
                                                     "\"channels\":[{\"ch\":\"1\",\"state\":\"4\","
                                                     "\"phone\":\"13812345678\",\"timelen\":\"42\","
                                                     "\"peer\":\"2\",\"serial\":\"1\"},"
                                                     "{\"ch\":2,\"state\":1,\"phone\":\"\"}]}", NULL);
    g_autoptr(JsonObject) monitor = sandbox_test_call (f->server, SANDBOX_TEST_ADMIN,
                                                       SANDBOX_TEST_ADMIN_PASSWORD, "systemChannels",
                                                       NULL);
    JsonArray *rows = json_object_get_array_member (monitor, "channelviewinfo");
    gboolean saw_talking = FALSE, saw_idle = FALSE;

    g_assert_cmpint (sandbox_test_get_int (ports, "status", -1), ==, 0);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);
        const char *name = json_object_get_string_member (row, "channelName");

        if (g_strcmp0 (json_object_get_string_member (row, "devMac"), BOX_MAC) != 0)
          continue;
        if (g_strcmp0 (name, "RJ11/1") == 0)
          {
            g_assert_cmpint (sandbox_test_get_int (row, "state", -1), ==, 4);
            g_assert_cmpstr (json_object_get_string_member (row, "phone"), ==, "13812345678");
            g_assert_cmpint (sandbox_test_get_int (row, "peer", -1), ==, 2);
            g_assert_cmpint (sandbox_test_get_int (row, "calltime", -1), >=, 42);
            g_assert_cmpint (sandbox_test_get_int (row, "calltime", -1), <, 60);
            saw_talking = TRUE;
          }
        else if (g_strcmp0 (name, "RJ11/2") == 0)
          {
            g_assert_cmpint (sandbox_test_get_int (row, "state", -1), ==, 1);
            g_assert_cmpstr (json_object_get_string_member (row, "phone"), ==, "");
            saw_idle = TRUE;
          }
      }
    g_assert_true (saw_talking);
    g_assert_true (saw_idle);
  }
}

static void
test_upload_record_call (Fixture       *f,
                         gconstpointer  data)
{
  static const guint8 wav[] = "RIFF\x24\0\0\0WAVEfmt not-really-audio";
  g_autoptr(GBytes) file = g_bytes_new_static (wav, sizeof wav);
  g_autoptr(JsonObject) uploaded = NULL;
  g_autoptr(JsonObject) records = NULL;
  g_autoptr(SandboxTestResponse) served = NULL;
  g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC - 60);
  g_autofree char *hangup = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC - 20);
  g_autofree char *path = NULL;
  JsonObject *row;
  JsonArray *rows;
  const char *callid;

  uploaded = post_multipart (f, file, "file",
                             "method", "upload_record", "cmd", "upload", "satellite", BOX_MAC,
                             "channel", "1", "start_time_secs", start, "start_time_hangup", hangup,
                             "direction", "in", "callid_dialed", "13611112222",
                             "duration_secs", "30", "id", "77", "recorded", "1", NULL);
  g_assert_cmpint (sandbox_test_get_int (uploaded, "status", -1), ==, 0);
  callid = json_object_get_string_member (uploaded, "callid");
  g_assert_nonnull (callid);

  /* The agent of the box finds the call in its history, with the recording. */
  records = sandbox_test_call (f->server, AGENT, PASSWORD, "findDialrecord", "scdrId", callid,
                               "limit", "1", NULL);
  rows = json_object_get_array_member (records, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "cdrPhoneNum"), ==, "13611112222");
  g_assert_cmpint (sandbox_test_get_int (row, "cdrTalktime", -1), ==, 30);
  g_assert_cmpint (sandbox_test_get_int (row, "cdrPeer", -1), ==, 2);

  path = g_strconcat ("/voip/record/", json_object_get_string_member (row, "cdrRecordFile"), NULL);
  served = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_true (g_bytes_equal (served->body, file));
}

static void
test_upload_record_file (Fixture       *f,
                         gconstpointer  data)
{
  static const char content[] = "a recording, byte for byte";
  g_autoptr(GBytes) file = g_bytes_new_static (content, strlen (content));
  g_autofree char *md5 = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, file);
  g_autofree char *md5_upper = g_ascii_strup (md5, -1);
  g_autofree char *name = g_base64_encode ((const guchar *) "2024-通话.wav", strlen ("2024-通话.wav"));
  g_autofree char *password = sandbox_test_md5 (PASSWORD);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) wrong_md5 = NULL;
  g_autoptr(JsonObject) no_file = NULL;
  g_autoptr(JsonObject) no_auth = NULL;
  g_autoptr(SandboxTestResponse) served = NULL;
  g_autofree char *path = NULL;

  saved = post_multipart (f, file, "fileGsm", "sa_user", AGENT, "sa_password", password,
                          "method", "upload_record_file.html", "fileName", name,
                          "fileMd5", md5_upper, "isBase", "true", NULL);
  g_assert_cmpint (sandbox_test_get_int (saved, "code", -99), ==, 0);
  path = g_strconcat ("/voip/record/", json_object_get_string_member (saved, "fileName"), NULL);
  served = sandbox_test_request (f->server, NULL, "GET", path, NULL, NULL, NULL, 30000);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_true (g_bytes_equal (served->body, file));

  wrong_md5 = post_multipart (f, file, "fileGsm", "sa_user", AGENT, "sa_password", password,
                              "method", "upload_record_file", "fileName", name,
                              "fileMd5", "00000000000000000000000000000000", "isBase", "true", NULL);
  g_assert_cmpint (sandbox_test_get_int (wrong_md5, "code", 0), ==, -3);
  g_assert_nonnull (strstr (json_object_get_string_member (wrong_md5, "message"), "fileMd5"));

  no_file = post_multipart (f, NULL, NULL, "sa_user", AGENT, "sa_password", password,
                            "method", "upload_record_file", "fileName", name, "fileMd5", md5, NULL);
  g_assert_cmpint (sandbox_test_get_int (no_file, "code", 0), ==, -3);
  g_assert_nonnull (strstr (json_object_get_string_member (no_file, "message"), "fileGsm"));

  no_auth = post_multipart (f, file, "fileGsm", "method", "upload_record_file", "fileName", name,
                            "fileMd5", md5, NULL);
  g_assert_cmpint (sandbox_test_get_int (no_auth, "code", 0), ==, -2);
}

static void
test_send_tel_call (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) sent = sandbox_test_call (f->server, AGENT, PASSWORD, "sendTelCall",
                                                  "mac", BOX_MAC, "channel", "2",
                                                  "phone", "13622223333", NULL);
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) ring = NULL;
  g_autoptr(JsonObject) bad_device = NULL;
  gint64 water_line = 0;
  JsonObject *command;
  JsonArray *data_list;

  g_assert_cmpint (sandbox_test_get_int (sent, "code", -99), ==, 0);

  /* The agent's line dials out… */
  ring = sandbox_test_wait_for_event (f->server, AGENT, PASSWORD, "13622223333", 0, &water_line,
                                      20000);
  g_assert_cmpstr (json_object_get_string_member (ring, "kind"), ==, "1");

  /* …and the box gets the dial command, once. */
  list = sandbox_test_call (f->server, NULL, NULL, "upload_record", "cmd", "getMessageList",
                            "satellite", BOX_MAC, NULL);
  g_assert_cmpint (sandbox_test_get_int (list, "status", -1), ==, 0);
  data_list = json_object_get_array_member (list, "data");
  g_assert_cmpuint (json_array_get_length (data_list), ==, 1);
  command = json_array_get_object_element (data_list, 0);
  g_assert_cmpstr (json_object_get_string_member (command, "phone"), ==, "13622223333");
  g_assert_cmpstr (json_object_get_string_member (command, "mdcWan"), ==, "2");
  again = sandbox_test_call (f->server, NULL, NULL, "upload_record", "cmd", "getMessageList",
                             "satellite", BOX_MAC, NULL);
  g_assert_cmpint (sandbox_test_get_int (again, "status", 0), ==, 3003);

  bad_device = sandbox_test_call (f->server, AGENT, PASSWORD, "sendTelCall", "mac", "AA:BB",
                                  "phone", "13622223333", NULL);
  g_assert_cmpint (sandbox_test_get_int (bad_device, "code", 0), ==, -11);
}

static void
test_task_detail_phone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) first = sandbox_test_call (f->server, AGENT, PASSWORD, "getTaskDetailPhone",
                                                   NULL);
  g_autoptr(JsonObject) second = sandbox_test_call (f->server, AGENT, PASSWORD, "getTaskDetailPhone",
                                                    NULL);
  g_autoptr(JsonObject) colleague = sandbox_test_call (f->server, "100008801", PASSWORD,
                                                       "getTaskDetailPhone", NULL);

  g_assert_cmpint (sandbox_test_get_int (first, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (second, "code", -99), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (colleague, "code", -99), ==, 0);
  g_assert_nonnull (json_object_get_string_member (first, "phone"));
  g_assert_true (json_object_has_member (first, "cfId"));
  g_assert_true (json_object_has_member (first, "ctdId"));
  /* Each number is handed out once. */
  g_assert_cmpstr (json_object_get_string_member (first, "ctdId"), !=,
                   json_object_get_string_member (second, "ctdId"));
  g_assert_cmpstr (json_object_get_string_member (colleague, "ctdId"), !=,
                   json_object_get_string_member (first, "ctdId"));
  g_assert_cmpstr (json_object_get_string_member (colleague, "ctdId"), !=,
                   json_object_get_string_member (second, "ctdId"));
}

typedef struct
{
  Fixture *f;
  gint64   cdr_id;
} PushSeen;

static gboolean
pushes_seen (gpointer user_data)
{
  PushSeen *seen = user_data;
  g_autoptr(JsonObject) log = sandbox_test_control (seen->f->server, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");
  gboolean types[5] = { FALSE };

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (request, "params");
      const char *type;

      if (g_strcmp0 (json_object_get_string_member (request, "path"), "/voip/push-hook") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (params, "phone"), ==, "13633334444");
      g_assert_cmpstr (json_object_get_string_member (params, "peer"), ==, "2");
      type = json_object_get_string_member (params, "type");
      g_assert_true (type != NULL && strlen (type) == 1 && type[0] >= '1' && type[0] <= '4');
      types[type[0] - '0'] = TRUE;

      if (type[0] >= '3')
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT, seen->cdr_id);
          JsonObject *memo;

          json_parser_load_from_data (parser, json_object_get_string_member (params, "memo"), -1,
                                      &error);
          g_assert_no_error (error);
          memo = json_node_get_object (json_parser_get_root (parser));
          g_assert_cmpstr (json_object_get_string_member (memo, "cdrId"), ==, cdr_id);
          g_assert_cmpstr (json_object_get_string_member (memo, "cdrPhoneNum"), ==, "13633334444");
          g_assert_cmpstr (json_object_get_string_member (memo, "cdrRecordFile"), !=, "");
        }
    }
  return types[1] && types[2] && types[3] && types[4];
}

static void
test_push_url (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *hook = g_strdup_printf ("{\"push_url\":\"%s/voip/push-hook\"}", f->server->url);
  g_autoptr(JsonObject) set = sandbox_test_control (f->server, "/sandbox/company", hook);
  g_autoptr(JsonObject) call = sandbox_test_control (f->server, "/sandbox/call",
                                                     "{\"extension\":\"800\",\"phone\":\"13633334444\","
                                                     "\"ring_ms\":50,\"talk_ms\":800,\"record\":true}");
  PushSeen seen = { f, sandbox_test_get_int (call, "cdrId", 0) };

  /* ring (1), answer (2), hang-up (3) and recording (4) reach the company's URL. */
  sandbox_test_wait_until (pushes_seen, &seen, 20000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/sandbox-device/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("upload-record-status", test_upload_record_status);
  ADD ("upload-record-call", test_upload_record_call);
  ADD ("upload-record-file", test_upload_record_file);
  ADD ("send-tel-call", test_send_tel_call);
  ADD ("task-detail-phone", test_task_detail_phone);
  ADD ("push-url", test_push_url);
#undef ADD

  return g_test_run ();
}
