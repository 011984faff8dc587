/* test-voice.c — phoneAudit, getPhoneAudit, smsSend, setIvrDialing and sendTelCall against
 * a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bbh-client-private.h"
#include "bbh-client-records.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* phoneAudit */

static gint64
phone_audit (Fixture         *f,
             const char      *code,
             BbhVoiceKind     kind,
             gint64           connect_id,
             const char      *phone,
             BbhVoiceRecord   record,
             const char      *command_no,
             GError         **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_phone_audit_async (f->client, code, kind, connect_id, phone, record, command_no,
                                NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_phone_audit_finish (f->client, f->result, error);
}

static void
test_phone_audit_request (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;
  gint64 id;

  /* The document's own example for a voice file list, Chinese and all. */
  bbh_test_server_queue_json (f->server, "phoneAudit",
                              "{\"success\":true,\"code\":0,\"id\":\"9007199254740995\",\"yzm\":\"x\"}");
  id = phone_audit (f, "我的身份证号码是51029119810101,你的余额 12.3 元", BBH_VOICE_FILE_LIST,
                    G_GINT64_CONSTANT (7687658987667780097), "13002367525",
                    BBH_VOICE_RECORD_AFTER_ANSWER, "6001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740995));

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "phoneAudit");
  g_assert_cmpstr (bbh_test_param (req, "yzm"), ==, "我的身份证号码是51029119810101,你的余额 12.3 元");
  g_assert_cmpstr (bbh_test_param (req, "type"), ==, "5");
  g_assert_cmpstr (bbh_test_param (req, "ws_wlstConnectId"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13002367525");
  g_assert_cmpstr (bbh_test_param (req, "isRecord"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "commandNo"), ==, "6001");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 9);
  /* Percent-encoded UTF-8 on the wire. */
  g_assert_nonnull (strstr (req->query, "yzm=%E6%88%91"));

  /* Digits, no connect id, no command: only what was given. */
  bbh_test_server_queue_json (f->server, "phoneAudit", "{\"code\":0,\"result\":{\"id\":12}}");
  id = phone_audit (f, "4821", BBH_VOICE_DIGITS, 0, "13002367525", BBH_VOICE_RECORD_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 12);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "yzm"), ==, "4821");
  g_assert_cmpstr (bbh_test_param (req, "type"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "isRecord"), ==, "0");
  g_assert_false (g_hash_table_contains (req->params, "ws_wlstConnectId"));
  g_assert_false (g_hash_table_contains (req->params, "commandNo"));
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 7);
}

static void
test_phone_audit_errors (Fixture       *f,
                         gconstpointer  data)
{
  struct {
    const char     *code;
    int             kind;
    const char     *phone;
    int             record;
    const char     *needle;
  } cases[] = {
    { "", BBH_VOICE_DIGITS, "13002367525", 0, "empty" },
    { NULL, BBH_VOICE_DIGITS, "13002367525", 0, "empty" },
    { "12a4", BBH_VOICE_DIGITS, "13002367525", 0, "only digits" },
    { "你好", 2, "13002367525", 0, "read out" },
    { "你好", BBH_VOICE_CHINESE, "13002367525", 3, "recorded" },
    { "你好", BBH_VOICE_IFLYTEK, "", 0, "phone number" },
    { "你好", BBH_VOICE_IFLYTEK, "130-0236", 0, "phone number" },
  };
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_error (&error);
      id = phone_audit (f, cases[i].code, cases[i].kind, 0, cases[i].phone, cases[i].record, NULL, &error);
      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);

  /* Success without an id: the caller could not follow the call. */
  g_clear_error (&error);
  bbh_test_server_queue_json (f->server, "phoneAudit", "{\"success\":true}");
  id = phone_audit (f, "12", BBH_VOICE_DIGITS, 0, "13002367525", 0, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
}

/* getPhoneAudit */

static GListModel *
get_phone_audit (Fixture                  *f,
                 const BbhPhoneAuditQuery *query,
                 guint64                  *out_total,
                 GError                  **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_phone_audit_async (f->client, query, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_phone_audit_finish (f->client, f->result, out_total, error);
}

static void
test_get_phone_audit_request (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhPhoneAuditQuery) query = bbh_phone_audit_query_new ();
  g_autoptr(BbhPhoneAuditQuery) copy = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_local (2014, 2, 21, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (2014, 2, 22, 12, 30, 0);
  const BbhCallbackStatus statuses[] = {
    BBH_CALLBACK_STATUS_NO_ANSWER, BBH_CALLBACK_STATUS_ANSWERED, 42, BBH_CALLBACK_STATUS_TRANSFERRED,
  };
  BbhTestRequest *req;

  bbh_phone_audit_query_set_id (query, G_GINT64_CONSTANT (7687658987667780097));
  bbh_phone_audit_query_set_time_range (query, from, to);
  bbh_phone_audit_query_set_statuses (query, statuses, G_N_ELEMENTS (statuses));
  bbh_phone_audit_query_set_sip_show_phone (query, TRUE);
  bbh_phone_audit_query_set_page (query, 3, 50);
  bbh_phone_audit_query_set_login_id (query, "100008800");
  copy = bbh_phone_audit_query_copy (query);
  g_clear_pointer (&query, bbh_phone_audit_query_free);

  model = get_phone_audit (f, copy, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getPhoneAudit");
  g_assert_cmpstr (bbh_test_param (req, "id"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "startTime"), ==, "2014-02-21 00:00:00");
  g_assert_cmpstr (bbh_test_param (req, "endTime"), ==, "2014-02-22 12:30:00");
  /* The unknown status is dropped, the rest joined with ','. */
  g_assert_cmpstr (bbh_test_param (req, "status"), ==, "3,4,5");
  g_assert_cmpstr (bbh_test_param (req, "sipShowPhone"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "page"), ==, "3");
  g_assert_cmpstr (bbh_test_param (req, "rows"), ==, "50");
  g_assert_cmpstr (bbh_test_param (req, "loginId"), ==, "100008800");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 11);
  g_clear_object (&model);

  query = bbh_phone_audit_query_new ();
  bbh_phone_audit_query_set_sip_show_phone (query, FALSE);
  model = get_phone_audit (f, query, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "sipShowPhone"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "page"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "rows"), ==, "20");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 6);
}

static void
test_get_phone_audit_every_field (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhPhoneAuditQuery) query = bbh_phone_audit_query_new ();
  g_autoptr(BbhPhoneAudit) a = NULL;
  g_autofree char *key = NULL;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "getPhoneAudit",
    "{\"code\":0,\"total\":\"2\",\"message\":\"\",\"rows\":["
    "{\"wsId\":\"9007199254740995\",\"wsStatus\":\"4\",\"wsTalkTimes\":\"18\",\"wsPhone\":\"13002367525\","
    "\"wsCreateTime\":\"2014-02-21 10:00:00\",\"wsBeginTime\":\"2014-02-21 10:00:01\","
    "\"wsSuccessTime\":\"2014-02-21 10:00:05\",\"wsEndTime\":\"2014-02-21 10:00:23\","
    "\"ws_exteId\":12,\"wsValue\":\"重庆决明科技有限公司\",\"wsType\":4,"
    "\"wsRecordPath\":\"100088/audit/1.wav\",\"WsResultKey\":\"1#\","
    "\"ws_tyConnectId\":\"7687658987667780097\",\"wsSipRound\":\"联通\",\"wsShowPhone\":\"02367073578\"},"
    "null,"
    "{\"wsId\":2,\"wsStatus\":3,\"wsResultKey\":\"9\",\"wsCreateTime\":\"21/02/2014\"}"
    "]}");
  model = get_phone_audit (f, query, &total, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (model) == BBH_TYPE_PHONE_AUDIT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (total, ==, 2);

  a = g_list_model_get_item (model, 0);
  g_assert_cmpint (bbh_phone_audit_get_id (a), ==, G_GINT64_CONSTANT (9007199254740995));
  g_assert_cmpint (bbh_phone_audit_get_status (a), ==, BBH_CALLBACK_STATUS_ANSWERED);
  g_assert_cmpint (bbh_phone_audit_get_raw_status (a), ==, 4);
  g_assert_cmpstr (bbh_phone_audit_get_status_text (a), ==, "Answered");
  g_assert_cmpint (bbh_phone_audit_get_talk_time (a), ==, 18);
  g_assert_cmpstr (bbh_phone_audit_get_phone (a), ==, "13002367525");
  g_assert_cmpstr (bbh_phone_audit_get_create_time (a), ==, "2014-02-21 10:00:00");
  g_assert_nonnull (bbh_phone_audit_get_create_date_time (a));
  g_assert_cmpint (g_date_time_get_hour (bbh_phone_audit_get_create_date_time (a)), ==, 10);
  g_assert_cmpstr (bbh_phone_audit_get_begin_time (a), ==, "2014-02-21 10:00:01");
  g_assert_cmpstr (bbh_phone_audit_get_success_time (a), ==, "2014-02-21 10:00:05");
  g_assert_cmpstr (bbh_phone_audit_get_end_time (a), ==, "2014-02-21 10:00:23");
  g_assert_cmpint (bbh_phone_audit_get_extension_id (a), ==, 12);
  g_assert_cmpstr (bbh_phone_audit_get_value (a), ==, "重庆决明科技有限公司");
  g_assert_cmpint (bbh_phone_audit_get_kind (a), ==, BBH_VOICE_IFLYTEK);
  g_assert_cmpstr (bbh_phone_audit_get_record_path (a), ==, "100088/audit/1.wav");
  /* WsResultKey, capital W, as the document spells it. */
  g_assert_cmpstr (bbh_phone_audit_get_result_key (a), ==, "1#");
  g_assert_cmpint (bbh_phone_audit_get_connect_id (a), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_phone_audit_get_sip_round (a), ==, "联通");
  g_assert_cmpstr (bbh_phone_audit_get_show_phone (a), ==, "02367073578");
  g_object_get (a, "result-key", &key, NULL);
  g_assert_cmpstr (key, ==, "1#");
  g_clear_object (&a);

  a = g_list_model_get_item (model, 1);
  g_assert_cmpint (bbh_phone_audit_get_status (a), ==, BBH_CALLBACK_STATUS_NO_ANSWER);
  g_assert_cmpstr (bbh_phone_audit_get_status_text (a), ==, "No answer");
  /* The lower-case spelling is read too; a date in another format is not guessed at. */
  g_assert_cmpstr (bbh_phone_audit_get_result_key (a), ==, "9");
  g_assert_null (bbh_phone_audit_get_create_date_time (a));
  g_assert_cmpint (bbh_phone_audit_get_talk_time (a), ==, 0);
}

/* smsSend */

static gboolean
sms_send (Fixture            *f,
          const char * const *phones,
          const char         *text,
          gint64              list_id,
          GError            **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_sms_send_async (f->client, phones, text, list_id, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_sms_send_finish (f->client, f->result, error);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
test_sms_send_request (Fixture       *f,
                       gconstpointer  data)
{
  const char * const phones[] = { "13800138000", "13912345678", "02367073578", NULL };
  const char * const one[] = { "13800138000", NULL };
  /* 70 Chinese characters: 210 bytes, 70 characters — exactly the limit. */
  g_autofree char *seventy = repeat ("好", 70);
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  g_assert_true (sms_send (f, phones, "您好，您的快递已到，请到前台领取。", 17, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "smsSend");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000,13912345678,02367073578");
  g_assert_cmpstr (bbh_test_param (req, "memo"), ==, "您好，您的快递已到，请到前台领取。");
  g_assert_cmpstr (bbh_test_param (req, "listId"), ==, "17");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 6);

  g_assert_true (sms_send (f, one, seventy, -1, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "memo"), ==, seventy);
  g_assert_false (g_hash_table_contains (req->params, "listId"));

  bbh_test_server_queue_json (f->server, "smsSend", "{\"code\":-12,\"message\":\"超过最大值\"}");
  g_assert_false (sms_send (f, one, "hi", -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_OVER_MAXIMUM);
}

static void
test_sms_send_rejects (Fixture       *f,
                       gconstpointer  data)
{
  const char * const one[] = { "13800138000", NULL };
  const char * const none[] = { NULL };
  const char * const bad[] = { "13800138000", "call me", NULL };
  g_autofree char *seventy_one = repeat ("好", 71);
  g_autofree char *ascii_71 = repeat ("a", 71);
  g_autoptr(GError) error = NULL;

  g_assert_false (sms_send (f, one, seventy_one, -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "70"));
  g_assert_nonnull (strstr (error->message, "71"));
  g_clear_error (&error);

  g_assert_false (sms_send (f, one, ascii_71, -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sms_send (f, one, "", -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_false (sms_send (f, none, "hi", -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at least one"));
  g_clear_error (&error);

  g_assert_false (sms_send (f, NULL, "hi", -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sms_send (f, bad, "hi", -1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "phone number"));

  /* Nothing reached the server. */
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* setIvrDialing */

static gboolean
set_ivr_dialing (Fixture     *f,
                 const char  *source,
                 const char  *dest,
                 const char  *dial,
                 int          save_times,
                 GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_set_ivr_dialing_async (f->client, source, dest, dial, save_times, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_set_ivr_dialing_finish (f->client, f->result, error);
}

static void
test_set_ivr_dialing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  g_assert_true (set_ivr_dialing (f, "13800138000", "02367073578", "13912345678", 600, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "setIvrDialing");
  g_assert_cmpstr (bbh_test_param (req, "sourcePhone"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "descPhone"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "dialPhone"), ==, "13912345678");
  g_assert_cmpstr (bbh_test_param (req, "saveTimes"), ==, "600");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 7);

  g_assert_true (set_ivr_dialing (f, "13800138000", "02367073578", "13912345678", -1, &error));
  req = bbh_test_server_get_last (f->server);
  g_assert_false (g_hash_table_contains (req->params, "saveTimes"));

  g_assert_false (set_ivr_dialing (f, "13800138000", "02367073578", "", 0, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "number to dial"));
  g_clear_error (&error);
  g_assert_false (set_ivr_dialing (f, "x", "02367073578", "1", 0, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "calling number"));
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

/* sendTelCall */

static gboolean
send_tel_call (Fixture     *f,
               const char  *mac,
               guint        channel,
               const char  *phone,
               GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_send_tel_call_async (f->client, mac, channel, phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_send_tel_call_finish (f->client, f->result, error);
}

static void
test_send_tel_call (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  g_assert_true (send_tel_call (f, "00:1A:2B:3C:4D:5E", 2, "13800138000", &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "sendTelCall");
  g_assert_cmpstr (bbh_test_param (req, "mac"), ==, "00:1A:2B:3C:4D:5E");
  g_assert_cmpstr (bbh_test_param (req, "channel"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13800138000");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 6);

  /* Bare hex is what some boxes report. */
  g_assert_true (send_tel_call (f, "001a2b3c4d5e", 1, "02367073578", &error));
  g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "mac"), ==, "001a2b3c4d5e");

  bbh_test_server_queue_json (f->server, "sendTelCall", "{\"code\":-11,\"message\":\"设备不存在\"}");
  g_assert_false (send_tel_call (f, "001a2b3c4d5e", 1, "02367073578", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (send_tel_call (f, "00:1A:2B", 1, "02367073578", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "MAC"));
  g_clear_error (&error);
  g_assert_false (send_tel_call (f, "00:1A:2B:3C:4D:5E", 0, "02367073578", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (send_tel_call (f, "00:1A:2B:3C:4D:5E", 1, "abc", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/voice/phone-audit/request", test_phone_audit_request);
  ADD ("/agent/voice/phone-audit/errors", test_phone_audit_errors);
  ADD ("/agent/voice/get-phone-audit/request", test_get_phone_audit_request);
  ADD ("/agent/voice/get-phone-audit/every-field", test_get_phone_audit_every_field);
  ADD ("/agent/voice/sms-send/request", test_sms_send_request);
  ADD ("/agent/voice/sms-send/rejects", test_sms_send_rejects);
  ADD ("/agent/voice/set-ivr-dialing", test_set_ivr_dialing);
  ADD ("/agent/voice/send-tel-call", test_send_tel_call);
#undef ADD

  return g_test_run ();
}
