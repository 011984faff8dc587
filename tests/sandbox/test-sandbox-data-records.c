/* test-sandbox-data-records.c — call records, SMS, areas, voice verification, IVR cache over HTTP
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

/* Every cdr* field the document lists for findDialrecord (2.4.1, 2.7.1, 2.10.4). */
static const char *cdr_fields[] = {
  "cdrId", "cdrCalledName", "cdrExtensionIp", "cdrHangupTime", "cdrPhonePort", "cdrStartTime",
  "cdrExtension", "cdrIVR", "cdrTalktime", "cdrChargingTimes", "cdrLastPhoneNum", "cdrPeer",
  "exteName", "cdrHangupReasonText", "cdrPhoneNum", "cdrPhoneIp", "cdrHangupReasonCode",
  "cdrTrunkRoute", "cdrCmmId", "cdrExtensionPort", "cdrIVRKey", "cdrRecordFile",
};

static void
test_agent_sees_own (void)
{
  g_autoptr(JsonObject) mine = sandbox_test_call (server, AGENT, AGENT_PW, "findDialrecord",
                                                  "limit", "100", NULL);
  g_autoptr(JsonObject) all = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                 "limit", "100", NULL);
  g_autoptr(JsonObject) others = sandbox_test_call (server, AGENT, AGENT_PW, "findDialrecord",
                                                    "extension", "801", NULL);
  g_autoptr(JsonObject) two = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                 "extension", "100008801,802", "limit", "200", NULL);
  JsonArray *rows = json_object_get_array_member (mine, "rows");
  gboolean saw_other = FALSE;

  assert_code (mine, 0);
  g_assert_true (json_object_get_boolean_member (mine, "success"));
  g_assert_cmpint (sandbox_test_get_int (mine, "recordTotal", -1), ==, sandbox_test_get_int (mine, "total", -2));
  g_assert_cmpint (sandbox_test_get_int (mine, "recordTotal", 0), >, 0);
  g_assert_cmpint (sandbox_test_get_int (mine, "recordTotal", 0), <, sandbox_test_get_int (all, "recordTotal", 0));

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      for (guint f = 0; f < G_N_ELEMENTS (cdr_fields); f++)
        g_assert_true (json_object_has_member (row, cdr_fields[f]));
      g_assert_cmpstr (member_string (row, "cdrExtension"), ==, AGENT);
      /* ids are 64-bit, above 2^53, as text */
      g_assert_cmpuint (g_ascii_strtoull (member_string (row, "cdrId"), NULL, 10), >,
                        G_GUINT64_CONSTANT (9007199254740992));
      /* newest first */
      if (i > 0)
        g_assert_cmpint (strcmp (member_string (json_array_get_object_element (rows, i - 1), "cdrStartTime"),
                                 member_string (row, "cdrStartTime")), >=, 0);
    }

  rows = json_object_get_array_member (all, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    saw_other |= g_strcmp0 (member_string (json_array_get_object_element (rows, i), "cdrExtension"), AGENT) != 0;
  g_assert_true (saw_other);

  /* an agent asking for someone else's calls gets none */
  g_assert_cmpint (sandbox_test_get_int (others, "recordTotal", -1), ==, 0);

  rows = json_object_get_array_member (two, "rows");
  g_assert_cmpint (sandbox_test_get_int (two, "recordTotal", 0), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      const char *ext = member_string (json_array_get_object_element (rows, i), "cdrExtension");
      g_assert_true (g_str_equal (ext, "100008801") || g_str_equal (ext, "100008802"));
    }
}

static void
test_paging (void)
{
  g_autoptr(JsonObject) first = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                   "start", "0", "limit", "10", NULL);
  g_autoptr(JsonObject) second = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                    "start", "10", "limit", "10", NULL);
  g_autoptr(JsonObject) deflt = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord", NULL);
  g_autoptr(JsonObject) past = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                  "start", "100000", NULL);
  g_autoptr(JsonObject) bad = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                 "limit", "ten", NULL);
  JsonArray *a = json_object_get_array_member (first, "rows");
  JsonArray *b = json_object_get_array_member (second, "rows");

  g_assert_cmpuint (json_array_get_length (a), ==, 10);
  g_assert_cmpuint (json_array_get_length (b), ==, 10);
  g_assert_cmpint (sandbox_test_get_int (first, "recordTotal", 0), ==, sandbox_test_get_int (second, "recordTotal", 1));
  g_assert_cmpstr (member_string (json_array_get_object_element (a, 9), "cdrId"), !=,
                   member_string (json_array_get_object_element (b, 0), "cdrId"));
  /* the document's default page is 20 */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (deflt, "rows")), ==, 20);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (past, "rows")), ==, 0);
  assert_code (bad, -3);
  g_assert_nonnull (strstr (member_string (bad, "message"), "limit"));
}

static void
test_filters (void)
{
  g_autoptr(JsonObject) in = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                "cdrPeer", "2", "limit", "50", NULL);
  g_autoptr(JsonObject) long_calls = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                        "talktimeSql", "0", "talktime", "100", "limit", "50", NULL);
  g_autoptr(JsonObject) short_calls = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                         "talktimeSql", "1", "talktime", "1", "limit", "50", NULL);
  g_autoptr(JsonObject) future = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                    "statrTime", "2099-01-01 00:00:00", NULL);
  g_autoptr(JsonObject) past = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord",
                                                  "startTime", "2000-01-01 00:00:00",
                                                  "endTime", "2000-12-31 23:59:59", NULL);
  g_autoptr(JsonObject) by_phone = NULL;
  g_autoptr(JsonObject) by_id = NULL;
  JsonArray *rows = json_object_get_array_member (in, "rows");
  JsonObject *one;
  const char *phone, *id;

  g_assert_cmpint (sandbox_test_get_int (in, "recordTotal", 0), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, i), "cdrPeer", 0), ==, 2);
  rows = json_object_get_array_member (long_calls, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, i), "cdrTalktime", 0), >, 100);
  /* missed calls: talk time 0 */
  rows = json_object_get_array_member (short_calls, "rows");
  g_assert_cmpint (sandbox_test_get_int (short_calls, "recordTotal", 0), >, 0);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, i), "cdrTalktime", -1), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (future, "recordTotal", -1), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (past, "recordTotal", -1), ==, 0);

  one = json_array_get_object_element (json_object_get_array_member (in, "rows"), 0);
  phone = member_string (one, "cdrPhoneNum");
  id = member_string (one, "cdrId");
  by_phone = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord", "phoneNum", phone, NULL);
  rows = json_object_get_array_member (by_phone, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >=, 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpstr (member_string (json_array_get_object_element (rows, i), "cdrPhoneNum"), ==, phone);
  /* the SDK's look-up after a hang-up */
  by_id = sandbox_test_call (server, ADMIN, ADMIN_PW, "findDialrecord", "phoneNum", phone,
                             "scdrId", id, "limit", "1", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_id, "recordTotal", 0), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (json_object_get_array_member (by_id, "rows"), 0), "cdrId"),
                   ==, id);
}

static void
test_add_cdr_record (void)
{
  g_autoptr(JsonObject) added = sandbox_test_call (server, AGENT, AGENT_PW, "addCdrRecord",
                                                   "dialId", "local-42", "dialStatus", "1",
                                                   "dialOpenIp", "192.168.1.9", "dialPeer", "1",
                                                   "dialPhoneNum", "13812345678", "dialType", "0",
                                                   "dialStartTime", "2024-03-01 10:00:00",
                                                   "dialSucessTime", "2024-03-01 10:00:08",
                                                   "dialHangupTime", "2024-03-01 10:01:08",
                                                   "dialAnswer", "1", "dialHangupReason", "16",
                                                   "dialTalktime", "60",
                                                   "dialRecordFile", "upload/local-42.wav",
                                                   "dialTransferSuccesTime", "", "dialTransferTimes", "0",
                                                   "dialSmsSendStatus", "1", NULL);
  g_autoptr(JsonObject) again = sandbox_test_call (server, AGENT, AGENT_PW, "addCdrRecord",
                                                   "dialId", "local-42", "dialPhoneNum", "13812345678", NULL);
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(JsonObject) missing = sandbox_test_call (server, AGENT, AGENT_PW, "addCdrRecord",
                                                     "dialPhoneNum", "13812345678", NULL);
  JsonObject *row;

  assert_code (added, 0);
  /* sending it again is harmless: the same record */
  assert_code (again, 0);
  g_assert_cmpstr (member_string (again, "cdrId"), ==, member_string (added, "cdrId"));

  found = sandbox_test_call (server, AGENT, AGENT_PW, "findDialrecord", "scdrId",
                             member_string (added, "cdrId"), NULL);
  g_assert_cmpint (sandbox_test_get_int (found, "recordTotal", 0), ==, 1);
  row = json_array_get_object_element (json_object_get_array_member (found, "rows"), 0);
  g_assert_cmpstr (member_string (row, "cdrPhoneNum"), ==, "13812345678");
  g_assert_cmpstr (member_string (row, "cdrStartTime"), ==, "2024-03-01 10:00:00");
  g_assert_cmpstr (member_string (row, "cdrHangupTime"), ==, "2024-03-01 10:01:08");
  g_assert_cmpint (sandbox_test_get_int (row, "cdrTalktime", 0), ==, 60);
  g_assert_cmpint (sandbox_test_get_int (row, "cdrChargingTimes", 0), ==, 1);
  g_assert_cmpint (sandbox_test_get_int (row, "cdrPeer", 0), ==, 1);
  g_assert_cmpstr (member_string (row, "cdrRecordFile"), ==, "upload/local-42.wav");
  g_assert_cmpstr (member_string (row, "cdrExtension"), ==, AGENT);

  assert_code (missing, -3);
  g_assert_nonnull (strstr (member_string (missing, "message"), "dialId"));
}

static void
test_sms (void)
{
  g_autofree char *long_text = NULL;
  g_autoptr(GString) seventy = g_string_new (NULL);
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) too_long = NULL;
  g_autoptr(JsonObject) bad_number = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) record_again = NULL;
  g_autoptr(JsonObject) record_missing = NULL;

  for (int i = 0; i < 70; i++)
    g_string_append (seventy, "字");
  long_text = g_strconcat (seventy->str, "多", NULL);

  /* 70 characters (not bytes) is the limit */
  sent = sandbox_test_call (server, AGENT, AGENT_PW, "smsSend", "phoneNum", "13811112222,13811113333",
                            "memo", seventy->str, "listId", "7", NULL);
  assert_code (sent, 0);
  g_assert_cmpint (sandbox_test_get_int (sent, "count", 0), ==, 2);
  too_long = sandbox_test_call (server, AGENT, AGENT_PW, "smsSend", "phoneNum", "13811112222",
                                "memo", long_text, NULL);
  assert_code (too_long, -12);
  g_assert_nonnull (strstr (member_string (too_long, "message"), "memo"));
  bad_number = sandbox_test_call (server, AGENT, AGENT_PW, "smsSend", "phoneNum", "138abc",
                                  "memo", "hi", NULL);
  assert_code (bad_number, -3);

  record = sandbox_test_call (server, AGENT, AGENT_PW, "addSmsRecord", "id", "sms-1", "kind", "4",
                              "phone", "13811114444", "content", "收到", "time", "1700000000000", NULL);
  assert_code (record, 0);
  record_again = sandbox_test_call (server, AGENT, AGENT_PW, "addSmsRecord", "id", "sms-1", "kind", "4",
                                    "phone", "13811114444", "content", "收到", "time", "1700000000000", NULL);
  g_assert_cmpint (sandbox_test_get_int (record_again, "id", 0), ==, sandbox_test_get_int (record, "id", -1));
  record_missing = sandbox_test_call (server, AGENT, AGENT_PW, "addSmsRecord", "content", "x", NULL);
  assert_code (record_missing, -3);
  g_assert_nonnull (strstr (member_string (record_missing, "message"), "phone"));
}

static void
test_area (void)
{
  g_autoptr(JsonObject) landline = sandbox_test_call (server, AGENT, AGENT_PW, "getAreaPhone",
                                                      "phone", "02367073578", NULL);
  g_autoptr(JsonObject) four = sandbox_test_call (server, AGENT, AGENT_PW, "getAreaPhone",
                                                  "phone", "075512345678", NULL);
  g_autoptr(JsonObject) mobile = sandbox_test_call (server, AGENT, AGENT_PW, "getAreaPhone",
                                                    "phone", "13912345678", NULL);
  g_autoptr(JsonObject) junk = sandbox_test_call (server, AGENT, AGENT_PW, "getAreaPhone",
                                                  "phone", "hello", NULL);

  assert_code (landline, 0);
  g_assert_cmpstr (member_string (landline, "area"), ==, "重庆");
  g_assert_cmpstr (member_string (landline, "areaCode"), ==, "023");
  g_assert_cmpstr (member_string (landline, "phone"), ==, "02367073578");
  g_assert_cmpstr (member_string (four, "area"), ==, "深圳");
  g_assert_cmpstr (member_string (four, "areaCode"), ==, "0755");
  assert_code (mobile, 0);
  g_assert_cmpuint (strlen (member_string (mobile, "area")), >, 0);
  g_assert_cmpuint (strlen (member_string (mobile, "areaCode")), >=, 3);
  assert_code (junk, -3);
}

static void
test_voice (void)
{
  g_autoptr(JsonObject) created = sandbox_test_call (server, AGENT, AGENT_PW, "phoneAudit",
                                                     "yzm", "4321", "type", "1", "phone", "13800138001",
                                                     "ws_wlstConnectId", "777", "isRecord", "2", NULL);
  g_autoptr(JsonObject) chinese = sandbox_test_call (server, AGENT, AGENT_PW, "phoneAudit",
                                                     "yzm", "您的验证码是四三二一", "type", "3",
                                                     "phone", "13800138002", NULL);
  g_autoptr(JsonObject) bad = sandbox_test_call (server, AGENT, AGENT_PW, "phoneAudit",
                                                 "yzm", "abc", "type", "1", "phone", "13800138003", NULL);
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) not_yet = NULL;
  g_autofree char *id = NULL;
  JsonObject *row;

  assert_code (created, 0);
  g_assert_true (json_object_get_boolean_member (created, "success"));
  g_assert_cmpstr (member_string (created, "yzm"), ==, "4321");
  assert_code (chinese, 0);
  assert_code (bad, -3);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (created, "id", 0));
  listed = sandbox_test_call (server, AGENT, AGENT_PW, "getPhoneAudit", "id", id, NULL);
  assert_code (listed, 0);
  g_assert_cmpint (sandbox_test_get_int (listed, "total", 0), ==, 1);
  row = json_array_get_object_element (json_object_get_array_member (listed, "rows"), 0);
  g_assert_cmpstr (member_string (row, "wsPhone"), ==, "13800138001");
  g_assert_cmpstr (member_string (row, "wsValue"), ==, "4321");
  g_assert_cmpstr (member_string (row, "ws_tyConnectId"), ==, "777");
  g_assert_true (json_object_has_member (row, "WsResultKey"));
  g_assert_true (json_object_has_member (row, "wsSipRound"));
  /* just created: not yet answered */
  g_assert_cmpint (sandbox_test_get_int (row, "wsStatus", -1), <=, 1);
  not_yet = sandbox_test_call (server, AGENT, AGENT_PW, "getPhoneAudit", "id", id, "status", "3,4,5", NULL);
  g_assert_cmpint (sandbox_test_get_int (not_yet, "total", -1), ==, 0);
}

static void
test_ivr_dialing (void)
{
  g_autoptr(JsonObject) ok = sandbox_test_call (server, AGENT, AGENT_PW, "setIvrDialing",
                                                "sourcePhone", "13800000001", "descPhone", "02367073578",
                                                "dialPhone", "13900000002", "saveTimes", "60", NULL);
  g_autoptr(JsonObject) missing = sandbox_test_call (server, AGENT, AGENT_PW, "setIvrDialing",
                                                     "sourcePhone", "13800000001", NULL);

  assert_code (ok, 0);
  assert_code (missing, -3);
  /* the answer names what is missing */
  g_assert_nonnull (strstr (member_string (missing, "message"), "descPhone"));

  /* While it lasts, a call from the cached number is the IVR dialling the cached one for the
   * agent who cached it: their outgoing call, whoever's line it came in on. */
  {
    g_autoptr(JsonObject) me = sandbox_test_call (server, AGENT, AGENT_PW, "getExtension", NULL);
    g_autoptr(JsonObject) call = sandbox_test_control (server, "/sandbox/call",
                                                       "{\"extension\":\"801\",\"phone\":\"13800000001\","
                                                       "\"direction\":\"in\",\"ring_ms\":20,\"talk_ms\":0}");
    g_autofree char *cdr_id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (call, "cdrId", 0));
    gint64 water_line = 0;
    g_autoptr(JsonObject) ring = sandbox_test_wait_for_event (server, AGENT, AGENT_PW, "13900000002", 0,
                                                              &water_line, 20000);
    g_autoptr(JsonObject) ended = sandbox_test_wait_for_event (server, AGENT, AGENT_PW, "13900000002", 2,
                                                               &water_line, 20000);
    g_autoptr(JsonObject) record = sandbox_test_call (server, AGENT, AGENT_PW, "findDialrecord",
                                                      "scdrId", cdr_id, NULL);
    JsonObject *row;

    g_assert_cmpint (sandbox_test_get_int (call, "exteId", 0), ==, sandbox_test_get_int (me, "exteId", -1));
    g_assert_cmpstr (member_string (ring, "kind"), ==, "1");
    g_assert_cmpint (sandbox_test_get_int (record, "recordTotal", 0), ==, 1);
    row = json_array_get_object_element (json_object_get_array_member (record, "rows"), 0);
    g_assert_cmpstr (member_string (row, "cdrPhoneNum"), ==, "13900000002");
    g_assert_cmpint (sandbox_test_get_int (row, "cdrPeer", 0), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sandbox_test_server_start (NULL, NULL);

  g_test_add_func ("/agent/sandbox-data-records/agent-sees-own", test_agent_sees_own);
  g_test_add_func ("/agent/sandbox-data-records/paging", test_paging);
  g_test_add_func ("/agent/sandbox-data-records/filters", test_filters);
  g_test_add_func ("/agent/sandbox-data-records/add-cdr-record", test_add_cdr_record);
  g_test_add_func ("/agent/sandbox-data-records/sms", test_sms);
  g_test_add_func ("/agent/sandbox-data-records/area", test_area);
  g_test_add_func ("/agent/sandbox-data-records/voice", test_voice);
  g_test_add_func ("/agent/sandbox-data-records/ivr-dialing", test_ivr_dialing);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  return status;
}
