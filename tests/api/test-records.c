/* test-records.c — findDialrecord and getAreaPhone against a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bbh-client-private.h"
#include "bbh-client-records.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

static GListModel *
find (Fixture                  *f,
      const BbhCallRecordQuery *query,
      guint64                  *out_total,
      GError                  **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_find_dial_record_async (f->client, query, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_find_dial_record_finish (f->client, f->result, out_total, error);
}

static BbhArea *
get_area (Fixture     *f,
          const char  *phone,
          GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_area_phone_async (f->client, phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_area_phone_finish (f->client, f->result, error);
}

static BbhCallRecord *
record_at (GListModel *model,
           guint       position)
{
  g_autoptr(BbhCallRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  /* The model keeps its reference; borrowing is enough for the test. */
  return record;
}

static void
assert_date_time (GDateTime *dt,
                  int        year,
                  int        month,
                  int        day,
                  int        hour,
                  int        minute,
                  int        second)
{
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (dt);
  local = g_date_time_to_local (dt);
  g_assert_cmpint (g_date_time_get_year (local), ==, year);
  g_assert_cmpint (g_date_time_get_month (local), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, day);
  g_assert_cmpint (g_date_time_get_hour (local), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (local), ==, minute);
  g_assert_cmpint (g_date_time_get_second (local), ==, second);
}

/* findDialrecord: the request */

static void
test_find_request_every_parameter (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GDateTime) start = g_date_time_new_local (2024, 3, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_local (2024, 3, 31, 23, 59, 59);
  const char * const extensions[] = { "800", "801", NULL };
  BbhTestRequest *req;

  bbh_call_record_query_set_extensions (query, extensions);
  bbh_call_record_query_set_phone (query, "13800138000");
  bbh_call_record_query_set_talk_time (query, BBH_TALK_TIME_LONGER, 30);
  bbh_call_record_query_set_time_range (query, start, end);
  bbh_call_record_query_set_direction (query, BBH_CALL_DIRECTION_VOICEMAIL);
  bbh_call_record_query_set_id (query, G_GINT64_CONSTANT (7687658987667780097));
  bbh_call_record_query_set_page (query, 40, 10);

  model = find (f, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (req->path, ==, "/voip/api/jsondata.html");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "findDialrecord");
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "extension"), ==, "800,801");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "talktimeSql"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "talktime"), ==, "30");
  /* The start of the range under both of the document's spellings. */
  g_assert_cmpstr (bbh_test_param (req, "startTime"), ==, "2024-03-01 00:00:00");
  g_assert_cmpstr (bbh_test_param (req, "statrTime"), ==, "2024-03-01 00:00:00");
  g_assert_cmpstr (bbh_test_param (req, "endTime"), ==, "2024-03-31 23:59:59");
  g_assert_cmpstr (bbh_test_param (req, "cdrPeer"), ==, "5");
  /* 64-bit, exact. */
  g_assert_cmpstr (bbh_test_param (req, "scdrId"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "40");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "10");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 14);
}

static void
test_find_request_defaults (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(BbhCallRecordQuery) copy = NULL;
  BbhTestRequest *req;

  bbh_call_record_query_set_talk_time (query, BBH_TALK_TIME_SHORTER, 5);
  bbh_call_record_query_set_direction (query, BBH_CALL_DIRECTION_IN);
  copy = bbh_call_record_query_copy (query);
  g_clear_pointer (&query, bbh_call_record_query_free);

  model = find (f, copy, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "talktimeSql"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "talktime"), ==, "5");
  g_assert_cmpstr (bbh_test_param (req, "cdrPeer"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "20");
  g_clear_object (&model);

  /* A fresh query sends only paging: no empty filters the server could misread. */
  query = bbh_call_record_query_new ();
  model = find (f, query, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 5);
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "20");
  g_assert_false (g_hash_table_contains (req->params, "startTime"));
  g_assert_false (g_hash_table_contains (req->params, "cdrPeer"));
}

static void
test_find_rejects_bad_phone (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();

  bbh_call_record_query_set_phone (query, "138-abc");
  model = find (f, query, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "phone number"));
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* findDialrecord: the answer */

static const char full_answer[] =
  "{\"success\":true,\"recordTotal\":\"57\",\"rows\":["
  /* Section 2.4.1's fields; cdrId above 2^53 as a string, cdrTalktime as a string. */
  "{\"cdrId\":\"7687658987667780097\",\"cdrStartTime\":\"2024-03-05 09:15:02\","
  "\"cdrHangupTime\":\"2024-03-05 09:17:12\",\"cdrExtension\":\"800\",\"exteName\":\"张三\","
  "\"cdrPhoneNum\":\"13002367525\",\"cdrCalledName\":\"重庆客户\",\"cdrPeer\":\"2\","
  "\"cdrTalktime\":\"125\",\"cdrHangupReasonCode\":16,\"cdrHangupReasonText\":\"正常挂断\","
  "\"cdrIVR\":\"主导航\",\"cdrIVRKey\":\"1\",\"cdrRecordFile\":\"100008/20240305/a.wav\","
  "\"cdrCmmId\":\"282982852097151\",\"cdrTrunkRoute\":\"联通中继\",\"cdrChargingTimes\":3,"
  "\"cdrLastPhoneNum\":\"2367525\",\"cdrExtensionIp\":\"10.0.0.8\",\"cdrExtensionPort\":5060,"
  "\"cdrPhoneIp\":\"61.128.1.1\",\"cdrPhonePort\":\"5080\",\"cdrSucessTime\":\"2024-03-05 09:15:07\"},"
  "null,"
  /* A lean row with the correct spelling and a number talk time. */
  "{\"cdrId\":42,\"cdrStartTime\":\"2024-03-04 18:00:00.0\",\"cdrPeer\":1,\"cdrTalktime\":0,"
  "\"cdrPhoneNum\":\"02367073578\",\"cdrRecordFile\":\"\",\"cdrSuccessTime\":\"2024-03-04 18:00:09\"}"
  "]}";

static void
test_find_every_field (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) start_prop = NULL;
  BbhCallDirection direction;
  gint64 id;
  int talk_time;
  gboolean has_recording;
  BbhCallRecord *r;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "findDialrecord", full_answer);
  model = find (f, query, &total, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (model) == BBH_TYPE_CALL_RECORD);
  /* The null row is skipped, not a crash and not an empty record. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (total, ==, 57);

  r = record_at (model, 0);
  g_assert_cmpint (bbh_call_record_get_id (r), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_call_record_get_start_time (r), ==, "2024-03-05 09:15:02");
  assert_date_time (bbh_call_record_get_start_date_time (r), 2024, 3, 5, 9, 15, 2);
  g_assert_cmpstr (bbh_call_record_get_hangup_time (r), ==, "2024-03-05 09:17:12");
  assert_date_time (bbh_call_record_get_hangup_date_time (r), 2024, 3, 5, 9, 17, 12);
  g_assert_cmpstr (bbh_call_record_get_success_time (r), ==, "2024-03-05 09:15:07");
  assert_date_time (bbh_call_record_get_success_date_time (r), 2024, 3, 5, 9, 15, 7);
  g_assert_cmpstr (bbh_call_record_get_extension (r), ==, "800");
  g_assert_cmpstr (bbh_call_record_get_extension_name (r), ==, "张三");
  g_assert_cmpstr (bbh_call_record_get_phone (r), ==, "13002367525");
  g_assert_cmpstr (bbh_call_record_get_called_name (r), ==, "重庆客户");
  g_assert_cmpint (bbh_call_record_get_peer (r), ==, 2);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_IN);
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 125);
  g_assert_cmpstr (bbh_call_record_get_hangup_reason_code (r), ==, "16");
  g_assert_cmpstr (bbh_call_record_get_hangup_reason_text (r), ==, "正常挂断");
  g_assert_cmpstr (bbh_call_record_get_ivr (r), ==, "主导航");
  g_assert_cmpstr (bbh_call_record_get_ivr_key (r), ==, "1");
  g_assert_cmpstr (bbh_call_record_get_record_file (r), ==, "100008/20240305/a.wav");
  g_assert_true (bbh_call_record_has_recording (r));
  g_assert_cmpstr (bbh_call_record_get_cmm_id (r), ==, "282982852097151");
  g_assert_cmpstr (bbh_call_record_get_trunk_route (r), ==, "联通中继");
  g_assert_cmpint (bbh_call_record_get_charging_times (r), ==, 3);
  g_assert_cmpstr (bbh_call_record_get_last_phone (r), ==, "2367525");
  g_assert_cmpstr (bbh_call_record_get_extension_ip (r), ==, "10.0.0.8");
  g_assert_cmpstr (bbh_call_record_get_extension_port (r), ==, "5060");
  g_assert_cmpstr (bbh_call_record_get_phone_ip (r), ==, "61.128.1.1");
  g_assert_cmpstr (bbh_call_record_get_phone_port (r), ==, "5080");

  /* The same through properties, as GTK binds them. */
  g_object_get (r,
                "id", &id,
                "extension-name", &name,
                "direction", &direction,
                "talk-time", &talk_time,
                "has-recording", &has_recording,
                "start-date-time", &start_prop,
                NULL);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (name, ==, "张三");
  g_assert_cmpint (direction, ==, BBH_CALL_DIRECTION_IN);
  g_assert_cmpint (talk_time, ==, 125);
  g_assert_true (has_recording);
  assert_date_time (start_prop, 2024, 3, 5, 9, 15, 2);

  r = record_at (model, 1);
  g_assert_cmpint (bbh_call_record_get_id (r), ==, 42);
  /* Java's Timestamp text, with ".0". */
  assert_date_time (bbh_call_record_get_start_date_time (r), 2024, 3, 4, 18, 0, 0);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_OUT);
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 0);
  g_assert_cmpstr (bbh_call_record_get_phone (r), ==, "02367073578");
  g_assert_false (bbh_call_record_has_recording (r));
  /* The correct spelling is read too. */
  g_assert_cmpstr (bbh_call_record_get_success_time (r), ==, "2024-03-04 18:00:09");
  g_assert_null (bbh_call_record_get_hangup_time (r));
  g_assert_null (bbh_call_record_get_hangup_date_time (r));
  g_assert_null (bbh_call_record_get_extension_name (r));
}

typedef struct
{
  const char *json;
  guint       n_items;
  guint64     total;
} TotalCase;

static void
test_find_totals (Fixture       *f,
                  gconstpointer  data)
{
  static const TotalCase cases[] = {
    /* 2.7.1 says `total`, 2.4.1 `recordTotal`. */
    { "{\"success\":true,\"total\":3,\"rows\":[{\"cdrId\":1}]}", 1, 3 },
    { "{\"code\":\"0\",\"recordTotal\":9,\"rows\":[{\"cdrId\":1},{\"cdrId\":2}]}", 2, 9 },
    /* No total at all: the items are the total. */
    { "{\"success\":true,\"rows\":[{\"cdrId\":1},{\"cdrId\":2}]}", 2, 2 },
    /* Null, missing and empty rows all mean “no calls”. */
    { "{\"success\":true,\"total\":0,\"rows\":null}", 0, 0 },
    { "{\"success\":true}", 0, 0 },
    { "{\"code\":0,\"recordTotal\":0,\"rows\":[]}", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) model = NULL;
      g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
      guint64 total = 12345;

      g_test_message ("answer %s", cases[i].json);
      bbh_test_server_queue_json (f->server, "findDialrecord", cases[i].json);
      model = find (f, query, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, cases[i].n_items);
      g_assert_cmpuint (total, ==, cases[i].total);
    }
}

static void
test_find_quirks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  static const char answer[] =
    "{\"success\":true,\"total\":7,\"rows\":["
    "{\"cdrId\":1,\"cdrStartTime\":\"2024-13-45 99:00:00\",\"cdrTalktime\":\"00:02:05\",\"cdrPeer\":3},"
    "{\"cdrId\":2,\"cdrStartTime\":\"yesterday\",\"cdrTalktime\":\"2:05\",\"cdrPeer\":4},"
    "{\"cdrId\":3,\"cdrStartTime\":\"\",\"cdrTalktime\":\"n/a\",\"cdrPeer\":5},"
    "{\"cdrId\":4,\"cdrStartTime\":\"2024-02-30 10:00:00\",\"cdrTalktime\":null,\"cdrPeer\":9},"
    "{\"cdrId\":5,\"cdrStartTime\":12,\"cdrTalktime\":61.9,\"cdrPeer\":\"x\"},"
    "{\"cdrStartTime\":\"2024-03-05T08:01\",\"cdrPhoneNum\":13800138000},"
    "\"not a row\",[1,2]"
    "]}";
  BbhCallRecord *r;

  bbh_test_server_queue_json (f->server, "findDialrecord", answer);
  model = find (f, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);

  r = record_at (model, 0);
  /* A malformed date is NULL, and its text is kept for display. */
  g_assert_null (bbh_call_record_get_start_date_time (r));
  g_assert_cmpstr (bbh_call_record_get_start_time (r), ==, "2024-13-45 99:00:00");
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 125);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_CAMPAIGN_OUT);

  r = record_at (model, 1);
  g_assert_null (bbh_call_record_get_start_date_time (r));
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 125);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED);

  r = record_at (model, 2);
  g_assert_null (bbh_call_record_get_start_date_time (r));
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 0);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_VOICEMAIL);

  r = record_at (model, 3);
  g_assert_null (bbh_call_record_get_start_date_time (r));
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 0);
  g_assert_cmpint (bbh_call_record_get_peer (r), ==, 9);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_UNKNOWN);

  r = record_at (model, 4);
  g_assert_null (bbh_call_record_get_start_date_time (r));
  g_assert_cmpint (bbh_call_record_get_talk_time (r), ==, 61);
  g_assert_cmpint (bbh_call_record_get_direction (r), ==, BBH_CALL_DIRECTION_UNKNOWN);

  /* No cdrId: kept with id 0; a number sent as a JSON number is still text. */
  r = record_at (model, 5);
  g_assert_cmpint (bbh_call_record_get_id (r), ==, 0);
  assert_date_time (bbh_call_record_get_start_date_time (r), 2024, 3, 5, 8, 1, 0);
  g_assert_cmpstr (bbh_call_record_get_phone (r), ==, "13800138000");
}

static void
test_find_server_error (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();

  bbh_test_server_queue_json (f->server, "findDialrecord", "{\"success\":false,\"message\":\"查询失败\"}");
  model = find (f, query, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "查询失败"));
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "findDialrecord", "{\"code\":-5}");
  model = find (f, query, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
}

static void
test_direction_names (void)
{
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_IN), ==, "Incoming");
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_OUT), ==, "Outgoing");
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_CAMPAIGN_OUT), ==, "Campaign call");
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED), ==,
                   "Campaign call, answered");
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_VOICEMAIL), ==, "Voice message");
  g_assert_cmpstr (bbh_call_direction_to_string (BBH_CALL_DIRECTION_UNKNOWN), ==, "Unknown direction");
}

/* getAreaPhone */

static void
test_area_ok (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhArea) area = NULL;
  g_autofree char *code = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "getAreaPhone",
                              "{\"code\":0,\"area\":\"重庆 联通\",\"phone\":\"13002367525\",\"areaCode\":\"023\"}");
  area = get_area (f, "13002367525", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_area_get_area (area), ==, "重庆 联通");
  g_assert_cmpstr (bbh_area_get_phone (area), ==, "13002367525");
  g_assert_cmpstr (bbh_area_get_area_code (area), ==, "023");
  g_object_get (area, "area-code", &code, NULL);
  g_assert_cmpstr (code, ==, "023");

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getAreaPhone");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13002367525");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 4);
}

static void
test_area_quirks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhArea) area = NULL;

  /* Nested under data, area code as a number. */
  bbh_test_server_queue_json (f->server, "getAreaPhone",
                              "{\"code\":\"0\",\"data\":{\"area\":\"北京\",\"areaCode\":10}}");
  area = get_area (f, "01088888888", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_area_get_area (area), ==, "北京");
  g_assert_cmpstr (bbh_area_get_area_code (area), ==, "10");
  g_assert_null (bbh_area_get_phone (area));
  g_clear_object (&area);

  /* A success that does not say where: an error in words, not a blank area. */
  bbh_test_server_queue_json (f->server, "getAreaPhone", "{\"code\":0,\"phone\":\"123\"}");
  area = get_area (f, "123", &error);
  g_assert_null (area);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PROTOCOL);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "getAreaPhone", "{\"code\":-11,\"message\":\"数据不存在\"}");
  area = get_area (f, "99999", &error);
  g_assert_null (area);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
}

static void
test_area_rejects_bad_phone (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const bad[] = { "", "abc", "138 0013 8000", "1+2" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhArea) area = get_area (f, bad[i], &error);

      g_assert_null (area);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbhArea) area = get_area (f, NULL, &error);

    g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* getTaskDetailPhone */

static BbhTaskPhone *
next_phone (Fixture  *f,
            GError  **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_task_detail_phone_async (f->client, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_task_detail_phone_finish (f->client, f->result, error);
}

static void
test_task_phone_next (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhTaskPhone) next = NULL;
  gint64 ctd_id = 0;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "getTaskDetailPhone",
                              "{\"code\":0,\"phone\":\"13002367525\",\"cfId\":\"31\",\"ctdId\":\"7687658987667780097\"}");
  next = next_phone (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpstr (bbh_task_phone_get_phone (next), ==, "13002367525");
  g_assert_cmpint (bbh_task_phone_get_flow_id (next), ==, 31);
  g_assert_cmpint (bbh_task_phone_get_task_detail_id (next), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_object_get (next, "task-detail-id", &ctd_id, NULL);
  g_assert_cmpint (ctd_id, ==, G_GINT64_CONSTANT (7687658987667780097));

  /* No parameters beyond the base ones. */
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getTaskDetailPhone");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 3);
  g_clear_object (&next);

  /* Section 2.7.2's shape: success and phone inside result. */
  bbh_test_server_queue_json (f->server, "getTaskDetailPhone",
                              "{\"result\":{\"success\":true,\"phone\":13912345678}}");
  next = next_phone (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_task_phone_get_phone (next), ==, "13912345678");
  g_assert_cmpint (bbh_task_phone_get_flow_id (next), ==, 0);
}

static void
test_task_phone_exhausted (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const answers[] = {
    "{\"code\":0,\"phone\":\"\"}",
    "{\"code\":0,\"phone\":\"  \",\"cfId\":31}",
    "{\"code\":0,\"phone\":null}",
    "{\"code\":0}",
    "{\"success\":true}",
  };

  /* No more numbers: NULL and no error, so "call next" can say "the task is done". */
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhTaskPhone) next = NULL;

      g_test_message ("answer %s", answers[i]);
      bbh_test_server_queue_json (f->server, "getTaskDetailPhone", answers[i]);
      next = next_phone (f, &error);
      g_assert_no_error (error);
      g_assert_null (next);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbhTaskPhone) next = NULL;

    bbh_test_server_queue_json (f->server, "getTaskDetailPhone", "{\"code\":-5}");
    next = next_phone (f, &error);
    g_assert_null (next);
    g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  }
}

/* addCdrRecord */

static gboolean
add_cdr (Fixture             *f,
         const BbhCdrUpload  *upload,
         GError             **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_add_cdr_record_async (f->client, upload, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_cdr_record_finish (f->client, f->result, error);
}

static void
test_add_cdr_record_every_field (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCdrUpload) upload = bbh_cdr_upload_new (G_GINT64_CONSTANT (1709600000123));
  g_autoptr(BbhCdrUpload) copy = NULL;
  BbhTestRequest *req;

  upload->status = 2;
  upload->open_ip = g_strdup ("192.168.1.20");
  upload->peer = 1;
  upload->phone = g_strdup ("13002367525");
  upload->type = 0;
  upload->start_time = g_date_time_new_local (2024, 3, 5, 9, 15, 2);
  upload->success_time = g_date_time_new_local (2024, 3, 5, 9, 15, 7);
  upload->hangup_time = g_date_time_new_local (2024, 3, 5, 9, 17, 12);
  upload->answer = 1;
  upload->hangup_reason = 16;
  upload->talk_time = 125;
  upload->record_file = g_strdup ("通话录音-20240305.gsm");
  upload->ctd_id = G_GINT64_CONSTANT (7687658987667780097);
  upload->transfer_success_time = g_date_time_new_local (2024, 3, 5, 9, 16, 0);
  upload->transfer_time = 72;
  upload->sms_send_status = 1;
  copy = bbh_cdr_upload_copy (upload);
  g_clear_pointer (&upload, bbh_cdr_upload_free);

  g_assert_true (add_cdr (f, copy, &error));
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "addCdrRecord");
  g_assert_cmpstr (bbh_test_param (req, "dialId"), ==, "1709600000123");
  g_assert_cmpstr (bbh_test_param (req, "dialStatus"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "dialOpenIp"), ==, "192.168.1.20");
  g_assert_cmpstr (bbh_test_param (req, "dialPeer"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "dialPhoneNum"), ==, "13002367525");
  g_assert_cmpstr (bbh_test_param (req, "dialType"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "dialStartTime"), ==, "2024-03-05 09:15:02");
  /* The document's typos are the wire's spelling. */
  g_assert_cmpstr (bbh_test_param (req, "dialSucessTime"), ==, "2024-03-05 09:15:07");
  g_assert_false (g_hash_table_contains (req->params, "dialSuccessTime"));
  g_assert_cmpstr (bbh_test_param (req, "dialHangupTime"), ==, "2024-03-05 09:17:12");
  g_assert_cmpstr (bbh_test_param (req, "dialAnswer"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "dialHangupReason"), ==, "16");
  g_assert_cmpstr (bbh_test_param (req, "dialTalktime"), ==, "125");
  g_assert_cmpstr (bbh_test_param (req, "dialRecordFile"), ==, "通话录音-20240305.gsm");
  g_assert_cmpstr (bbh_test_param (req, "dialCtdId"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "dialTransferSuccesTime"), ==, "2024-03-05 09:16:00");
  g_assert_cmpstr (bbh_test_param (req, "dialTransferTimes"), ==, "72");
  g_assert_cmpstr (bbh_test_param (req, "dialSmsSendStatus"), ==, "1");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 20);
}

static void
test_add_cdr_record_minimal (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCdrUpload) upload = bbh_cdr_upload_new (7);
  BbhTestRequest *req;

  /* Unset fields are not sent at all, not sent as -1 or empty. */
  upload->talk_time = 0;
  upload->sms_send_status = 0;
  g_assert_true (add_cdr (f, upload, &error));
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "dialId"), ==, "7");
  g_assert_cmpstr (bbh_test_param (req, "dialTalktime"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "dialSmsSendStatus"), ==, "0");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 6);

  /* Rejected before sending. */
  upload->id = 0;
  g_assert_false (add_cdr (f, upload, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  upload->id = 8;
  upload->phone = g_strdup ("not a number");
  g_assert_false (add_cdr (f, upload, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&upload->phone, g_free);
  upload->sms_send_status = 2;
  g_assert_false (add_cdr (f, upload, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);

  /* The server's refusal, in words. */
  g_clear_error (&error);
  upload->sms_send_status = -1;
  bbh_test_server_queue_json (f->server, "addCdrRecord", "{\"code\":-10,\"message\":\"数据已经存在\"}");
  g_assert_false (add_cdr (f, upload, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_EXISTS);
}

/* addSmsRecord */

static gboolean
add_sms (Fixture     *f,
         gint64       id,
         BbhSmsKind   kind,
         const char  *phone,
         const char  *content,
         gint64       time_ms,
         GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_add_sms_record_async (f->client, id, kind, phone, content, time_ms, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_sms_record_finish (f->client, f->result, error);
}

static void
test_add_sms_record (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  g_assert_true (add_sms (f, 991, BBH_SMS_RECEIVED, "13002367525", "明天上午十点见 & 谢谢",
                          G_GINT64_CONSTANT (1709601302123), &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "addSmsRecord");
  g_assert_cmpstr (bbh_test_param (req, "id"), ==, "991");
  g_assert_cmpstr (bbh_test_param (req, "kind"), ==, "4");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13002367525");
  g_assert_cmpstr (bbh_test_param (req, "content"), ==, "明天上午十点见 & 谢谢");
  g_assert_cmpstr (bbh_test_param (req, "time"), ==, "1709601302123");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 8);

  g_assert_true (add_sms (f, 0, BBH_SMS_SENT, "13002367525", NULL, 1, &error));
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "kind"), ==, "3");
  g_assert_false (g_hash_table_contains (req->params, "id"));
  g_assert_false (g_hash_table_contains (req->params, "content"));

  g_assert_false (add_sms (f, 1, 5, "13002367525", "x", 1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (add_sms (f, 1, BBH_SMS_SENT, "", "x", 1, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (add_sms (f, 1, BBH_SMS_SENT, "13002367525", "x", 0, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

/* upload_record_file.html */

static gboolean
upload_file (Fixture     *f,
             const char  *name,
             GBytes      *contents,
             GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_upload_record_file_async (f->client, name, contents, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_upload_record_file_finish (f->client, f->result, error);
}

static void
on_request_finished_cb (BbhClient  *client,
                        const char *method,
                        double      ms,
                        gboolean    ok,
                        gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s:%s;", method, ok ? "ok" : "failed");
}

static void
test_upload_record_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  /* Binary, with NUL bytes and a CR LF that must not be mangled. */
  static const guint8 audio[] = { 'R', 'I', 'F', 'F', 0, 0, 1, 2, '\r', '\n', 0xff, 0xfe, '-', '-', 0 };
  g_autoptr(GBytes) contents = g_bytes_new_static (audio, sizeof audio);
  g_autofree char *md5 = g_compute_checksum_for_data (G_CHECKSUM_MD5, audio, sizeof audio);
  g_autofree char *name64 = NULL;
  BbhTestRequest *req;
  BbhTestPart *part;

  g_signal_connect (f->client, "request-finished", G_CALLBACK (on_request_finished_cb), log);
  g_assert_true (upload_file (f, "通话录音-20240305.gsm", contents, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "upload_record_file:ok;");

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (req->path, ==, "/voip/api/jsondata.html");
  g_assert_true (g_str_has_prefix (req->content_type, "multipart/form-data"));
  /* Authentication and the method in the query string. */
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");
  g_assert_cmpstr (bbh_test_param (req, "sa_password"), ==, "CBCA51A420DD10423A9ACC4DB8041D5A");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "upload_record_file");

  g_assert_cmpuint (req->parts->len, ==, 4);
  name64 = g_base64_encode ((const guchar *) "通话录音-20240305.gsm", strlen ("通话录音-20240305.gsm"));
  g_assert_cmpstr (bbh_test_param (req, "fileName"), ==, name64);
  g_assert_cmpstr (bbh_test_param (req, "fileName"), ==, "6YCa6K+d5b2V6Z+zLTIwMjQwMzA1LmdzbQ==");
  g_assert_cmpstr (bbh_test_param (req, "fileMd5"), ==, md5);
  g_assert_cmpstr (bbh_test_param (req, "isBase"), ==, "true");
  part = bbh_test_request_get_part (req, "fileName");
  g_assert_cmpstr (part->content_type, ==, "text/plain; charset=utf-8");

  part = bbh_test_request_get_part (req, "fileGsm");
  g_assert_nonnull (part);
  g_assert_cmpstr (part->filename, ==, "通话录音-20240305.gsm");
  g_assert_cmpstr (part->content_type, ==, "application/octet-stream");
  g_assert_true (g_bytes_equal (part->data, contents));
  g_assert_false (g_hash_table_contains (req->params, "fileGsm"));

  /* The server's answer decides. */
  bbh_test_server_queue_json (f->server, "upload_record_file", "{\"code\":-13,\"message\":\"文件保存失败\"}");
  g_assert_false (upload_file (f, "a.gsm", contents, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FILE_SAVE);
  g_assert_cmpstr (log->str, ==, "upload_record_file:ok;upload_record_file:failed;");
  g_clear_error (&error);

  bbh_test_server_queue (f->server, "upload_record_file", 413, "text/html", "<html>Too large</html>");
  g_assert_false (upload_file (f, "a.gsm", contents, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_HTTP);
}

static void
test_upload_rejects (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) some = g_bytes_new_static ("abc", 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (upload_file (f, "a.gsm", empty, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (upload_file (f, "a.gsm", NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (upload_file (f, "", some, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (upload_file (f, "../etc/passwd", some, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

static void
test_upload_cancel_is_silent (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) some = g_bytes_new_static ("abc", 3);
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (f->client, "request-finished", G_CALLBACK (on_request_finished_cb), log);
  bbh_test_server_queue_delayed (f->server, "upload_record_file", 2000, "{\"code\":0}");
  bbh_test_fixture_reset (f);
  bbh_client_upload_record_file_async (f->client, "a.gsm", some, cancellable, bbh_test_on_result, f);
  g_cancellable_cancel (cancellable);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_upload_record_file_finish (f->client, f->result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (log->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/records/direction-names", test_direction_names);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/records/find-dial-record/request", test_find_request_every_parameter);
  ADD ("/agent/records/find-dial-record/defaults", test_find_request_defaults);
  ADD ("/agent/records/find-dial-record/bad-phone", test_find_rejects_bad_phone);
  ADD ("/agent/records/find-dial-record/every-field", test_find_every_field);
  ADD ("/agent/records/find-dial-record/totals", test_find_totals);
  ADD ("/agent/records/find-dial-record/quirks", test_find_quirks);
  ADD ("/agent/records/find-dial-record/server-error", test_find_server_error);
  ADD ("/agent/records/area/ok", test_area_ok);
  ADD ("/agent/records/area/quirks", test_area_quirks);
  ADD ("/agent/records/area/bad-phone", test_area_rejects_bad_phone);
  ADD ("/agent/records/task-phone/next", test_task_phone_next);
  ADD ("/agent/records/task-phone/exhausted", test_task_phone_exhausted);
  ADD ("/agent/records/add-cdr-record/every-field", test_add_cdr_record_every_field);
  ADD ("/agent/records/add-cdr-record/minimal-and-rejects", test_add_cdr_record_minimal);
  ADD ("/agent/records/add-sms-record", test_add_sms_record);
  ADD ("/agent/records/upload-record-file/multipart", test_upload_record_file);
  ADD ("/agent/records/upload-record-file/rejects", test_upload_rejects);
  ADD ("/agent/records/upload-record-file/cancel", test_upload_cancel_is_silent);
#undef ADD

  return g_test_run ();
}
