/* test-campaigns.c — outbound campaigns against a real SoupServer: call flows, new tasks
 * and their numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-client-private.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* ---- findCallFlow ---- */

static GListModel *
find_call_flow (Fixture  *f,
                gint64    task_id,
                guint64  *total,
                GError  **error)
{
  bbh_client_find_call_flow_async (f->client, task_id, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_find_call_flow_finish (f->client, f->result, total, error);
}

static void
test_find_call_flow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(BbhCallFlow) a = NULL;
  g_autoptr(BbhCallFlow) b = NULL;
  g_autofree char *transfer = NULL;
  g_autofree char *sms = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;
  g_autofree char *expected_url = NULL;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "findCallFlow",
    "{\"code\":0,\"message\":\"\",\"callflow\":["
    "{\"cfId\":\"9007199254740993\",\"cfName\":\"售后回访\",\"ctkName\":\"五月回访\",\"compGroupCallTimes\":\"30\","
    "\"cfIsend_wfPath\":\"100355/366304549136128.wav\",\"cfItransferMode\":\"4\",\"cfItransferTimes\":\"20\","
    "\"cfIIsRecord\":2,\"cfISendInterval\":\"5\",\"cfISmsStatus\":\"3\",\"cfISmsTims\":10,"
    "\"cfISmsContent\":\"感谢您的接听，详询 023-67073578\"},"
    "{\"cfId\":12,\"cfName\":\"通知\"}]}");
  flows = find_call_flow (f, 0, &total, &error);
  g_assert_no_error (error);
  /* No task: every flow, and ctdId is not sent. */
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "findCallFlow", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 2);
  g_assert_cmpuint (total, ==, 2);

  a = g_list_model_get_item (flows, 0);
  g_assert_cmpint (bbh_call_flow_get_id (a), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_call_flow_get_name (a), ==, "售后回访");
  g_assert_cmpstr (bbh_call_flow_get_task_name (a), ==, "五月回访");
  g_assert_cmpint (bbh_call_flow_get_dial_seconds (a), ==, 30);
  g_assert_cmpstr (bbh_call_flow_get_voice_path (a), ==, "100355/366304549136128.wav");
  g_assert_cmpint (bbh_call_flow_get_transfer_mode (a), ==, BBH_TRANSFER_MODE_TRANSFER_AFTER);
  g_assert_cmpint (bbh_call_flow_get_play_seconds (a), ==, 20);
  g_assert_cmpint (bbh_call_flow_get_recording (a), ==, BBH_FLOW_RECORDING_ON_ANSWER);
  g_assert_cmpint (bbh_call_flow_get_send_interval (a), ==, 5);
  g_assert_cmpint (bbh_call_flow_get_sms_status (a), ==, BBH_FLOW_SMS_ANSWERED);
  g_assert_cmpint (bbh_call_flow_get_sms_after_seconds (a), ==, 10);
  g_assert_cmpstr (bbh_call_flow_get_sms_content (a), ==, "感谢您的接听，详询 023-67073578");

  /* The settings in words, for the campaigns page. */
  transfer = bbh_call_flow_describe_transfer (a);
  g_assert_cmpstr (transfer, ==, "Play the message, then transfer to an agent (a message of 20 seconds)");
  g_assert_cmpstr (bbh_call_flow_describe_recording (bbh_call_flow_get_recording (a)), ==,
                   "Recorded from the moment the callee answers");
  sms = bbh_call_flow_describe_sms (a);
  g_assert_cmpstr (sms, ==, "A text message when the callee answers and stays on the line for more than 10 seconds");

  /* The message's URL on this server. */
  url = bbh_client_dup_sound_url (f->client, bbh_call_flow_get_voice_path (a));
  base = bbh_test_server_dup_url (f->server);
  expected_url = g_strconcat (base, "/voip/sound/100355/366304549136128.wav", NULL);
  g_assert_cmpstr (url, ==, expected_url);
  g_assert_null (bbh_client_dup_sound_url (f->client, NULL));
  g_assert_null (bbh_client_dup_sound_url (f->client, ""));

  /* What was not sent is unknown (-1), and described as such, not as "mode 0". */
  b = g_list_model_get_item (flows, 1);
  g_assert_cmpint (bbh_call_flow_get_id (b), ==, 12);
  g_assert_cmpstr (bbh_call_flow_get_name (b), ==, "通知");
  g_assert_null (bbh_call_flow_get_voice_path (b));
  g_assert_cmpint (bbh_call_flow_get_transfer_mode (b), ==, -1);
  g_assert_cmpint (bbh_call_flow_get_recording (b), ==, -1);
  g_assert_cmpint (bbh_call_flow_get_sms_status (b), ==, -1);
  g_clear_pointer (&transfer, g_free);
  transfer = bbh_call_flow_describe_transfer (b);
  g_assert_cmpstr (transfer, ==, "Unknown transfer setting");
  g_clear_object (&flows);

  /* One task's flow; rows under `rows`; null. */
  bbh_test_server_queue_json (f->server, "findCallFlow",
                              "{\"code\":0,\"rows\":[{\"cfId\":7,\"cfName\":\"x\",\"cfItransferMode\":1}]}");
  flows = find_call_flow (f, G_GINT64_CONSTANT (9007199254740995), &total, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "findCallFlow",
                                "ctdId", "9007199254740995", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 1);
  g_clear_object (&flows);

  bbh_test_server_queue_json (f->server, "findCallFlow", "{\"code\":0,\"callflow\":null}");
  flows = find_call_flow (f, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_describe_flow_settings (void)
{
  static const struct { int mode; const char *words; } modes[] = {
    { 1, "Play the message only, never transfer to an agent" },
    { 2, "Transfer to an agent at once, without the message" },
    { 3, "Play the message and transfer to an agent while it plays" },
    { 4, "Play the message, then transfer to an agent" },
    { 5, "Transfer to an agent only when the callee presses a key" },
    { 0, "Unknown transfer setting" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    g_assert_cmpstr (bbh_call_flow_describe_transfer_mode (modes[i].mode), ==, modes[i].words);

  g_assert_cmpstr (bbh_call_flow_describe_recording (0), ==, "Calls are not recorded");
  g_assert_cmpstr (bbh_call_flow_describe_recording (1), ==, "Recorded from the transfer to an agent");
  g_assert_cmpstr (bbh_call_flow_describe_recording (9), ==, "Unknown recording setting");
  g_assert_cmpstr (bbh_call_flow_describe_sms_status (0), ==, "No text message");
  g_assert_cmpstr (bbh_call_flow_describe_sms_status (1), ==, "A text message after every call");
  g_assert_cmpstr (bbh_call_flow_describe_sms_status (2), ==, "A text message when the callee does not answer");
  g_assert_cmpstr (bbh_call_flow_describe_sms_status (4), ==, "A text message when the call reaches an agent");
  g_assert_cmpstr (bbh_task_detail_describe_status (BBH_TASK_DETAIL_NOT_ANSWERED), ==, "Not answered");
  g_assert_cmpstr (bbh_task_detail_describe_status (BBH_TASK_DETAIL_TRANSFERRED), ==, "Transferred to an agent");
}

/* ---- addTask ---- */

static gboolean
add_task (Fixture         *f,
          BbhTaskRequest  *task,
          gint64          *id,
          GError         **error)
{
  bbh_client_add_task_async (f->client, task, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_task_finish (f->client, f->result, id, error);
}

/* Parses what the server received as `data` and checks it is a JSON array of objects. */
static JsonArray *
parse_data (BbhTestRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (bbh_test_param (req, "data"));
  json_parser_load_from_data (parser, bbh_test_param (req, "data"), -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static void
assert_member (JsonObject *o,
               const char *name,
               const char *value)
{
  g_assert_true (json_object_has_member (o, name));
  g_assert_cmpstr (json_object_get_string_member (o, name), ==, value);
}

static void
test_add_task_every_field (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhTaskRequest) task = bbh_task_request_new (BBH_TASK_ADD_WORK_ORDER_AUTO, " 五月回访 ");
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2024, 5, 1, 1, 30, 0);
  g_autoptr(JsonArray) numbers = NULL;
  const char * const allot[] = { "801", " 802 ", "", NULL };
  BbhTestRequest *req;
  JsonObject *first, *second;
  guint index;
  gint64 id = 0;

  bbh_task_request_set_flow_name (task, "售后回访");
  bbh_task_request_set_send_time (task, utc);
  bbh_task_request_set_repeat (task, TRUE);
  bbh_task_request_set_send_interval (task, 0);
  bbh_task_request_set_allot_extensions (task, allot);
  bbh_task_request_set_owner_extension (task, "899");
  bbh_task_request_set_work_order_name (task, "售后工单");
  /* Quotes, backslashes, a brace and a line break: real JSON escapes them all. */
  index = bbh_task_request_add_number (task, "13123456789", "k\"1\\2", "你好，\"张先生\"\n{明天见}");
  bbh_task_request_set_number_field (task, index, "woOther1", "other1");
  bbh_task_request_set_number_field (task, index, "woOther2", "其他 & 2");
  bbh_task_request_set_number_field (task, index, "woOther11", "3");
  bbh_task_request_set_number_field (task, index, "woOther2", "其他二");
  index = bbh_task_request_add_number (task, " 02367073578 ", NULL, NULL);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (bbh_task_request_get_n_numbers (task), ==, 2);

  bbh_test_server_queue_json (f->server, "addTask", "{\"code\":0,\"message\":\"\",\"id\":\"9007199254740993\"}");
  g_assert_true (add_task (f, task, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740993));

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_true (g_str_has_prefix (req->content_type, "application/x-www-form-urlencoded"));
  bbh_test_assert_admin_params (req, "addTask",
                                "data", bbh_test_param (req, "data"),
                                "addType", "3",
                                "name", "五月回访",
                                "cflName", "售后回访",
                                /* 01:30 UTC is 09:30 in Chongqing, the server's wall time. */
                                "sendTime", "2024-05-01 09:30:00",
                                "repeatSend", "1",
                                "sendInterval", "0",
                                "allotExte", "801,802",
                                "attriExte", "899",
                                "wotName", "售后工单",
                                NULL);

  numbers = parse_data (req);
  g_assert_cmpuint (json_array_get_length (numbers), ==, 2);
  first = json_array_get_object_element (numbers, 0);
  g_assert_cmpuint (json_object_get_size (first), ==, 6);
  assert_member (first, "phone", "13123456789");
  assert_member (first, "key", "k\"1\\2");
  assert_member (first, "memo", "你好，\"张先生\"\n{明天见}");
  assert_member (first, "woOther1", "other1");
  /* Setting a field again replaces it. */
  assert_member (first, "woOther2", "其他二");
  assert_member (first, "woOther11", "3");
  second = json_array_get_object_element (numbers, 1);
  g_assert_cmpuint (json_object_get_size (second), ==, 1);
  assert_member (second, "phone", "02367073578");
}

static void
test_add_task_minimal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhTaskRequest) task = bbh_task_request_new (BBH_TASK_ADD_MANUAL, "手工外呼");
  g_autoptr(JsonArray) numbers = NULL;
  g_autofree char *json = NULL;
  gint64 id = -1;

  /* A manual task needs no flow; what is not set is not sent. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *phone = g_strdup_printf ("1380013%04u", i);

      bbh_task_request_add_number (task, phone, NULL, "您好");
    }
  bbh_test_server_queue_json (f->server, "addTask", "{\"code\":\"0\",\"data\":{\"id\":42}}");
  g_assert_true (add_task (f, task, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 42);

  json = bbh_task_request_dup_data_json (task);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "addTask",
                                "data", json, "addType", "2", "name", "手工外呼", NULL);
  numbers = parse_data (bbh_test_server_get_last (f->server));
  g_assert_cmpuint (json_array_get_length (numbers), ==, 300);
  assert_member (json_array_get_object_element (numbers, 299), "phone", "13800130299");
  assert_member (json_array_get_object_element (numbers, 299), "memo", "您好");

  /* Created without an id in the answer: success, id unknown. */
  bbh_test_server_queue_json (f->server, "addTask", "{\"code\":0}");
  g_assert_true (add_task (f, task, &id, &error));
  g_assert_cmpint (id, ==, 0);

  /* The server's refusal in words. */
  bbh_test_server_queue_json (f->server, "addTask", "{\"code\":3,\"message\":\"流程不存在\"}");
  g_assert_false (add_task (f, task, &id, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "流程不存在"));
}

typedef struct
{
  const char *name;
  int         add_type;
  const char *task_name;
  const char *flow;
  const char *work_order;
  const char *phone;       /* NULL: no number at all */
  const char *memo;
  const char *allot;
  const char *owner;
  const char *words;
} BadTask;

static const BadTask bad_tasks[] = {
  { "hash", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "13800138000", "请按#号键", NULL, NULL, "“#”" },
  { "full-width-hash", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "13800138000", "请按＃号键", NULL, NULL, "“#”" },
  { "no-numbers", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, NULL, NULL, NULL, NULL, "at least one" },
  { "empty-phone", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "  ", NULL, NULL, NULL, "number 1" },
  { "bad-phone", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "138-0013", NULL, NULL, NULL, "“138-0013”" },
  { "auto-without-flow", BBH_TASK_ADD_AUTO, "t", NULL, NULL, "13800138000", NULL, NULL, NULL, "call flow" },
  { "wo-auto-without-flow", BBH_TASK_ADD_WORK_ORDER_AUTO, "t", NULL, "wo", "13800138000", NULL, NULL, NULL, "call flow" },
  { "wo-without-order", BBH_TASK_ADD_WORK_ORDER_MANUAL, "t", NULL, NULL, "13800138000", NULL, NULL, NULL, "work order" },
  { "type-0", 0, "t", "f", "wo", "13800138000", NULL, NULL, NULL, "automatically" },
  { "type-5", 5, "t", "f", "wo", "13800138000", NULL, NULL, NULL, "automatically" },
  { "no-name", BBH_TASK_ADD_MANUAL, "   ", NULL, NULL, "13800138000", NULL, NULL, NULL, "name" },
  { "bad-allot", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "13800138000", NULL, "80a", NULL, "“80a”" },
  { "bad-owner", BBH_TASK_ADD_MANUAL, "t", NULL, NULL, "13800138000", NULL, NULL, "张三", "“张三”" },
};

static void
test_add_task_rejected (Fixture       *f,
                        gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_tasks); i++)
    {
      const BadTask *b = &bad_tasks[i];
      g_autoptr(BbhTaskRequest) task = bbh_task_request_new (b->add_type, b->task_name);
      g_autoptr(GError) error = NULL;

      g_test_message ("bad task %s", b->name);
      bbh_task_request_set_flow_name (task, b->flow);
      bbh_task_request_set_work_order_name (task, b->work_order);
      bbh_task_request_set_owner_extension (task, b->owner);
      if (b->allot != NULL)
        {
          const char * const allot[] = { "801", b->allot, NULL };

          bbh_task_request_set_allot_extensions (task, allot);
        }
      if (b->phone != NULL)
        bbh_task_request_add_number (task, b->phone, NULL, b->memo);
      g_assert_false (add_task (f, task, NULL, &error));
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, b->words));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* ---- findTaskMx ---- */

/* The document's example, made valid JSON, with a second row and groupData. */
static const char task_mx_answer[] =
  "{\"code\":0,\"data\":[{\"ctdTransferPhone\":\"13983000000\",\"ctdText\":\"您好\",\"ctdStatus\":4,"
  "\"ctdSuccessTime\":\"2018-10-17 13:21:58\",\"ctdSmsSendStatus\":0,\"ctdTransferSuccessTime\":\"2018-10-17 13:22:10\","
  "\"ctdTransferEndTime\":\"2018-10-17 13:22:56\",\"ctkName\":\"任务名称\",\"ctdBeginTime\":\"9\",\"ctd_word\":\"关键词\","
  "\"ctdType\":\"无\",\"ctdKey\":\"0001\",\"ctd_all_word\":\"关键字\",\"ctdCallTalktimes\":\"58\",\"ctd_ResultText\":\"对话内容\","
  "\"ctdPhoneName\":\"王先生\",\"cnrReasonType\":\"16\",\"ctd_ctkId\":\"9007199254740995\",\"ctd_wordSum\":0,"
  "\"ctdExtension\":\"801\",\"ctdTransferTimes\":\"46\",\"ctdResultValue\":0,\"ctdId\":\"2534814528375631\","
  "\"exteName\":\"张三\",\"ctd_timeArea\":\"13\",\"ctdResultCode\":102,\"ctdTimes\":\"67\","
  "\"ctdResultJson\":\"201810/17/2534814528375631.json\",\"ctdWavPaths\":\"\","
  "\"ctdWavFile\":\"201810/17/13883543354-013883543354-201810171321-2534814534813137.wav\","
  "\"ctdCallTime\":\"2018-10-17 13:21:49\",\"ctdSipRound\":\"21:49 SIP/100002001/13883543354;21:58 answer;\","
  "\"ctdReNum\":1,\"ctdWheelSum\":6,\"ctdPhone\":\"13883543354\",\"ctdEndTime\":\"2018-10-17 13:22:56\"},"
  "{\"ctdId\":\"7687658987667780097\",\"ctdPhone\":\"13883543355\",\"ctdStatus\":\"0\",\"ctdCallTime\":null}],"
  "\"count\":\"137\","
  "\"groupData\":[{\"ctkId\":\"9007199254740995\",\"ctdStatus\":4,\"num\":\"100\"},"
  "{\"ctkId\":\"9007199254740995\",\"ctdStatus\":\"0\",\"num\":37}]}";

static GListModel *
find_task_mx (Fixture      *f,
              gint64        flow_id,
              BbhTaskFilter filter,
              gint64        task_id,
              const char   *task_name,
              GDateTime    *start_time,
              GDateTime    *end_time,
              guint         start,
              guint         limit,
              guint64      *total,
              GListModel  **groups,
              GError      **error)
{
  bbh_client_find_task_mx_async (f->client, flow_id, filter, task_id, task_name, start_time,
                                 end_time, start, limit, NULL, bbh_test_on_result, bbh_test_fixture_reset (f));
  bbh_test_fixture_wait_result (f);
  return bbh_client_find_task_mx_finish (f->client, f->result, total, groups, error);
}

static void
test_find_task_mx (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) details = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(BbhTaskDetail) d = NULL;
  g_autoptr(BbhTaskDetail) e = NULL;
  g_autoptr(BbhTaskCount) c0 = NULL;
  g_autoptr(BbhTaskCount) c1 = NULL;
  g_autoptr(GTimeZone) cq = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) from = g_date_time_new (cq, 2018, 10, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_utc (2018, 10, 31, 15, 59, 59);
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "findTaskMx", task_mx_answer);
  details = find_task_mx (f, G_GINT64_CONSTANT (9007199254740993), BBH_TASK_FILTER_DONE,
                          G_GINT64_CONSTANT (9007199254740995), "回访", from, to, 25, 25,
                          &total, &groups, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "findTaskMx",
                                "cflId", "9007199254740993",
                                "type", "2",
                                "ctkId", "9007199254740995",
                                "ctkName", "回访",
                                "startTime", "2018-10-01 00:00:00",
                                "endTime", "2018-10-31 23:59:59",
                                "start", "25",
                                "limit", "25",
                                NULL);

  g_assert_cmpuint (total, ==, 137);
  g_assert_cmpuint (g_list_model_get_n_items (details), ==, 2);
  d = g_list_model_get_item (details, 0);
  g_assert_cmpint (bbh_task_detail_get_id (d), ==, G_GINT64_CONSTANT (2534814528375631));
  g_assert_cmpint (bbh_task_detail_get_task_id (d), ==, G_GINT64_CONSTANT (9007199254740995));
  g_assert_cmpstr (bbh_task_detail_get_task_name (d), ==, "任务名称");
  g_assert_cmpstr (bbh_task_detail_get_phone (d), ==, "13883543354");
  g_assert_cmpstr (bbh_task_detail_get_phone_name (d), ==, "王先生");
  g_assert_cmpint (bbh_task_detail_get_status (d), ==, BBH_TASK_DETAIL_ANSWERED);
  g_assert_cmpstr (bbh_task_detail_get_key (d), ==, "0001");
  g_assert_cmpstr (bbh_task_detail_get_text (d), ==, "您好");
  g_assert_cmpstr (bbh_task_detail_get_result_type (d), ==, "无");
  g_assert_cmpstr (bbh_task_detail_get_call_time (d), ==, "2018-10-17 13:21:49");
  /* 13:21:49 in UTC+8. */
  g_assert_cmpint (bbh_task_detail_get_call_time_ms (d), ==, G_GINT64_CONSTANT (1539753709000));
  g_assert_cmpstr (bbh_task_detail_get_begin_time (d), ==, "9");
  g_assert_cmpstr (bbh_task_detail_get_success_time (d), ==, "2018-10-17 13:21:58");
  g_assert_cmpstr (bbh_task_detail_get_end_time (d), ==, "2018-10-17 13:22:56");
  g_assert_cmpint (bbh_task_detail_get_talk_seconds (d), ==, 67);
  g_assert_cmpint (bbh_task_detail_get_call_talk_seconds (d), ==, 58);
  g_assert_cmpstr (bbh_task_detail_get_extension (d), ==, "801");
  g_assert_cmpstr (bbh_task_detail_get_agent_name (d), ==, "张三");
  g_assert_cmpstr (bbh_task_detail_get_transfer_phone (d), ==, "13983000000");
  g_assert_cmpstr (bbh_task_detail_get_transfer_success_time (d), ==, "2018-10-17 13:22:10");
  g_assert_cmpstr (bbh_task_detail_get_transfer_end_time (d), ==, "2018-10-17 13:22:56");
  g_assert_cmpint (bbh_task_detail_get_transfer_seconds (d), ==, 46);
  g_assert_cmpint (bbh_task_detail_get_sms_send_status (d), ==, 0);
  g_assert_cmpint (bbh_task_detail_get_result_code (d), ==, 102);
  g_assert_cmpint (bbh_task_detail_get_result_value (d), ==, 0);
  g_assert_cmpstr (bbh_task_detail_get_result_text (d), ==, "对话内容");
  g_assert_cmpstr (bbh_task_detail_get_result_json (d), ==, "201810/17/2534814528375631.json");
  g_assert_cmpstr (bbh_task_detail_get_reason_type (d), ==, "16");
  g_assert_cmpstr (bbh_task_detail_get_word (d), ==, "关键词");
  g_assert_cmpstr (bbh_task_detail_get_all_words (d), ==, "关键字");
  g_assert_cmpint (bbh_task_detail_get_word_sum (d), ==, 0);
  g_assert_cmpstr (bbh_task_detail_get_time_area (d), ==, "13");
  g_assert_cmpstr (bbh_task_detail_get_wav_file (d), ==,
                   "201810/17/13883543354-013883543354-201810171321-2534814534813137.wav");
  g_assert_cmpstr (bbh_task_detail_get_wav_paths (d), ==, "");
  g_assert_cmpstr (bbh_task_detail_get_sip_round (d), ==, "21:49 SIP/100002001/13883543354;21:58 answer;");
  g_assert_cmpint (bbh_task_detail_get_redial_count (d), ==, 1);
  g_assert_cmpint (bbh_task_detail_get_wheel_sum (d), ==, 6);

  /* Above 2^53 from a string; status as text; a null time is no time. */
  e = g_list_model_get_item (details, 1);
  g_assert_cmpint (bbh_task_detail_get_id (e), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpint (bbh_task_detail_get_status (e), ==, BBH_TASK_DETAIL_NOT_CALLED);
  g_assert_null (bbh_task_detail_get_call_time (e));
  g_assert_cmpint (bbh_task_detail_get_call_time_ms (e), ==, 0);
  g_assert_cmpint (bbh_task_detail_get_sms_send_status (e), ==, -1);
  g_assert_null (bbh_task_detail_get_agent_name (e));

  g_assert_nonnull (groups);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  c0 = g_list_model_get_item (groups, 0);
  g_assert_cmpint (bbh_task_count_get_task_id (c0), ==, G_GINT64_CONSTANT (9007199254740995));
  g_assert_cmpint (bbh_task_count_get_status (c0), ==, BBH_TASK_DETAIL_ANSWERED);
  g_assert_cmpint (bbh_task_count_get_count (c0), ==, 100);
  c1 = g_list_model_get_item (groups, 1);
  g_assert_cmpint (bbh_task_count_get_status (c1), ==, BBH_TASK_DETAIL_NOT_CALLED);
  g_assert_cmpint (bbh_task_count_get_count (c1), ==, 37);
}

static void
test_find_task_mx_shapes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) details = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(BbhTaskDetail) d = NULL;
  guint64 total = 0;

  /* Rows under `datalist` (the document's table); only the required parameters sent. */
  bbh_test_server_queue_json (f->server, "findTaskMx",
                              "{\"code\":0,\"datalist\":[{\"ctdId\":\"5\",\"ctdPhone\":\"13800138000\",\"ctdStatus\":3}],\"count\":1}");
  details = find_task_mx (f, 7, BBH_TASK_FILTER_ALL, 0, NULL, NULL, NULL, 0, 25,
                          &total, &groups, &error);
  g_assert_no_error (error);
  bbh_test_assert_admin_params (bbh_test_server_get_last (f->server), "findTaskMx",
                                "cflId", "7", "type", "0", "start", "0", "limit", "25", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (details), ==, 1);
  d = g_list_model_get_item (details, 0);
  g_assert_cmpstr (bbh_task_detail_get_phone (d), ==, "13800138000");
  g_assert_cmpint (bbh_task_detail_get_status (d), ==, BBH_TASK_DETAIL_NOT_ANSWERED);
  /* No groupData: an empty list, never NULL. */
  g_assert_nonnull (groups);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  g_clear_object (&details);
  g_clear_object (&groups);

  /* `data` null and `datalist` present; groupData null. */
  bbh_test_server_queue_json (f->server, "findTaskMx",
                              "{\"code\":0,\"data\":null,\"datalist\":[{\"ctdId\":6,\"ctdPhone\":\"1\"},{\"ctdId\":7,\"ctdPhone\":\"2\"}],\"groupData\":null}");
  details = find_task_mx (f, 7, BBH_TASK_FILTER_NOT_STARTED, 0, "", NULL, NULL, 0, 10,
                          &total, &groups, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "type"), ==, "1");
  g_assert_null (bbh_test_param (bbh_test_server_get_last (f->server), "ctkName"));
  g_assert_cmpuint (g_list_model_get_n_items (details), ==, 2);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  g_clear_object (&details);
  g_clear_object (&groups);

  /* Nothing at all; the groups are optional for the caller. */
  bbh_test_server_queue_json (f->server, "findTaskMx", "{\"code\":0,\"count\":0}");
  details = find_task_mx (f, 7, BBH_TASK_FILTER_ALL, 0, NULL, NULL, NULL, 0, 25,
                          &total, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (details), ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_find_task_mx_rejected (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) later = g_date_time_new_utc (2024, 5, 2, 0, 0, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2024, 5, 1, 0, 0, 0);
  struct {
    gint64      flow;
    int         filter;
    guint       limit;
    GDateTime  *from;
    GDateTime  *to;
    const char *words;
  } cases[] = {
    { 0, 0, 25, NULL, NULL, "call flow" },
    { -4, 0, 25, NULL, NULL, "call flow" },
    { 7, 3, 25, NULL, NULL, "not called yet" },
    { 7, 0, 0, NULL, NULL, "at least one row" },
    { 7, 0, 25, later, earlier, "Swap" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) groups = NULL;
      g_autoptr(GListModel) details = NULL;
      guint64 total = 99;

      details = find_task_mx (f, cases[i].flow, cases[i].filter, 0, NULL, cases[i].from,
                              cases[i].to, 0, cases[i].limit, &total, &groups, &error);
      g_assert_null (details);
      g_assert_null (groups);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* ---- the -5 answer ---- */

static void
test_permission_denied (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BbhTaskRequest) task = bbh_task_request_new (BBH_TASK_ADD_MANUAL, "t");
  const char *methods[] = { "findCallFlow", "addTask", "findTaskMx" };

  bbh_task_request_add_number (task, "13800138000", NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;
      gboolean ok = FALSE;

      bbh_test_server_queue_json (f->server, methods[i], "{\"code\":-5,\"message\":\"没有权限\"}");
      bbh_test_fixture_reset (f);
      switch (i)
        {
        case 0:
          bbh_client_find_call_flow_async (f->client, 0, NULL, bbh_test_on_result, f);
          bbh_test_fixture_wait_result (f);
          list = bbh_client_find_call_flow_finish (f->client, f->result, NULL, &error);
          ok = list != NULL;
          break;
        case 1:
          bbh_client_add_task_async (f->client, task, NULL, bbh_test_on_result, f);
          bbh_test_fixture_wait_result (f);
          ok = bbh_client_add_task_finish (f->client, f->result, NULL, &error);
          break;
        default:
          bbh_client_find_task_mx_async (f->client, 1, BBH_TASK_FILTER_ALL, 0, NULL, NULL, NULL,
                                         0, 25, NULL, bbh_test_on_result, f);
          bbh_test_fixture_wait_result (f);
          list = bbh_client_find_task_mx_finish (f->client, f->result, NULL, NULL, &error);
          ok = list != NULL;
          break;
        }
      g_assert_false (ok);
      g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "permission"));
      g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "method"), ==, methods[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Server times are wall-clock text: read them in a fixed zone, as an agent in China would. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/campaigns/describe", test_describe_flow_settings);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up_admin, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/campaigns/find-call-flow", test_find_call_flow);
  ADD ("/agent/campaigns/add-task/every-field", test_add_task_every_field);
  ADD ("/agent/campaigns/add-task/minimal", test_add_task_minimal);
  ADD ("/agent/campaigns/add-task/rejected", test_add_task_rejected);
  ADD ("/agent/campaigns/find-task-mx", test_find_task_mx);
  ADD ("/agent/campaigns/find-task-mx/shapes", test_find_task_mx_shapes);
  ADD ("/agent/campaigns/find-task-mx/rejected", test_find_task_mx_rejected);
  ADD ("/agent/campaigns/permission-denied", test_permission_denied);
#undef ADD

  return g_test_run ();
}
