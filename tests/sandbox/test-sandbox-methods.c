/* test-sandbox-methods.c — every method of the document, one row each: its happy path over GET
 * and again as a POST form, with the documented members of its answer, and its main error
 *
 * The table runs in order against one sandbox, and a row may keep a member of its answer for
 * later rows ({custId}, {exteId}, …): what one call writes, the next one reads. A row that
 * writes says what the same call answers when it is repeated as a POST form (a second delete
 * finds nothing: -11). tests/sandbox/method-coverage.py reads this table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sandbox-test-util.h"

typedef enum
{
  AGENT,     /* 100008800, an ordinary agent */
  ADMIN,     /* 100008899, exteStatus 2 */
  COLLEAGUE, /* 100008802, an agent without a task */
  DEVICE,    /* a recording box: no sa_user, the MAC in `satellite` */
  NOBODY,    /* wrong password */
} Who;

typedef enum
{
  PREPARE_NONE,
  PREPARE_RINGING,   /* a call rings at agent 800 (control API) */
  PREPARE_TALKING,   /* a call to agent 800 has been answered */
} Prepare;

typedef struct
{
  const char *method;
  Who         who;
  Prepare     prepare;
  const char *params;       /* name=value|name=value, raw; {key} is a value kept earlier */
  const char *members;      /* members the answer has (space-separated) */
  const char *rows;         /* the member holding the list, or NULL */
  const char *row_members;  /* members of its first row; the list is not empty when set */
  const char *keep;         /* key=member: keep the answer's (or its first row's) member */
  int         post_code;    /* what the same call answers repeated as a POST form */
  Who         error_who;
  const char *error_params;
  int         error_code;
  const char *error_word;   /* the error message names this */
  const char *contains;     /* the happy answer's text holds this (what earlier rows wrote) */
} MethodCase;

#define MULTIPART (-1000)   /* post_code: the happy path is a multipart POST (a file) */

/* The demo's first recording box, assigned to agent 800. */
#define BOX_MAC "00:1A:2B:3C:4D:10"

static const MethodCase cases[] = {
  /* 2.1 common */
  { "getExtension", AGENT, 0, "",
    "exteId name extension compNumber compName disablePhoneNum exteLoginType", NULL, NULL, NULL, 0,
    NOBODY, "", -2, "password" },
  { "getExtensions", AGENT, 0, "",
    "", "extension", "exteId exteExtension exteName exteMobile exteinMobileRule statustext", NULL, 0,
    NOBODY, "", -2, "password" },
  { "sendMsg", AGENT, 0, "kind=1|client=2|phone=13002311111|content=客户端拨号|time=1700000000000|lostTime=100",
    "", NULL, NULL, NULL, 0,
    AGENT, "client=2|phone=13002311111", -3, "kind" },
  { "recvMsg", AGENT, 0, "client=1|waterLine=0|limit=100",
    "", "msgs", "kind phone content time waterLine", NULL, 0,
    AGENT, "client=1|waterLine=abc", -3, "waterLine", "客户端拨号" },
  { "upload_record_file", AGENT, 0, "fileName={fileName}|fileMd5={fileMd5}|isBase=true",
    "", NULL, NULL, NULL, MULTIPART,
    AGENT, "fileName={fileName}|fileMd5={fileMd5}|isBase=true", -3, "fileGsm" },
  { "addCdrRecord", AGENT, 0,
    "dialId=9001|dialPhoneNum=13911112222|dialPeer=1|dialType=0|dialStartTime=2026-01-05 10:00:00"
    "|dialSucessTime=2026-01-05 10:00:06|dialHangupTime=2026-01-05 10:01:06|dialTalktime=60|dialAnswer=1",
    "", NULL, NULL, "cdrId=cdrId", 0,
    AGENT, "dialPhoneNum=13911112222", -3, "dialId" },
  { "findDialrecord", AGENT, 0, "scdrId={cdrId}|start=0|limit=20",
    "recordTotal", "rows",
    "cdrId cdrExtension exteName cdrPhoneNum cdrLastPhoneNum cdrPeer cdrStartTime cdrHangupTime"
    " cdrTalktime cdrChargingTimes cdrCalledName cdrExtensionIp cdrPhonePort cdrIVR cdrPhoneIp"
    " cdrHangupReasonText cdrHangupReasonCode cdrTrunkRoute cdrCmmId cdrExtensionPort cdrIVRKey"
    " cdrRecordFile", NULL, 0,
    AGENT, "cdrPeer=9", -3, "cdrPeer", "13911112222" },
  { "addSmsRecord", AGENT, 0, "id=77|kind=3|phone=13911112222|content=您好|time=1700000000000",
    "", NULL, NULL, NULL, 0,
    AGENT, "kind=3|content=您好", -3, "phone" },
  { "getTaskDetailPhone", AGENT, 0, "",
    "phone cfId ctdId", NULL, NULL, NULL, 0,
    COLLEAGUE, "", -11, "task" },
  { "savecustomer", AGENT, 0,
    "custName=方法表|custCorpName=重庆方法表公司|custStatus=2|recordCount_voip_customer_phone=2"
    "|cpPhone[0]=13922223333|cpType[0]=常用电话|cpLinkMan[0]=方法表|cpPhone[1]=02388889999|cpType[1]=办公电话",
    "success custId", NULL, NULL, "custId=custId", 0,
    AGENT, "custId=99999999|custName=无此人", -11, "custId" },
  { "upload_record", DEVICE, 0, "cmd=channelstatus|satellite=" BOX_MAC,
    "time status", NULL, NULL, NULL, 0,
    DEVICE, "cmd=channelstatus", 3002, "satellite" },
  { "setUserCheckInOut", AGENT, 0, "status=0",
    "", NULL, NULL, NULL, 0,
    AGENT, "", -3, "status" },
  { "registerExtension", ADMIN, 0, "",
    "extension password", NULL, NULL, NULL, 0,
    AGENT, "", -5, "registerExtension" },

  /* 2.2 system management */
  { "systemChannels", ADMIN, 0, "",
    "totalNum totalGroupCallNum useGroupCallNum useAgiCallNum channelNum", "channelviewinfo", "", NULL, 0,
    AGENT, "", -5, "systemChannels" },
  { "getChannelList", AGENT, 0, "queueSize=1",
    "", "rows", "channelName callinTel createTime queueId", NULL, 0,
    AGENT, "queueSize=x", -3, "queueSize" },
  { "smsSend", AGENT, 0, "phoneNum=13911112222,13911113333|memo=您的订单已发货|listId=5",
    "", NULL, NULL, NULL, 0,
    AGENT, "phoneNum=13911112222", -3, "memo" },
  { "setShowPhone", ADMIN, 0, "extension=801|phone=02367073501",
    "", NULL, NULL, NULL, 0,
    AGENT, "extension=801|phone=02367073501", -5, "setShowPhone" },
  { "setIvrDialing", AGENT, 0, "sourcePhone=13911112222|descPhone=02367073578|dialPhone=13933334444|saveTimes=60",
    "", NULL, NULL, NULL, 0,
    AGENT, "sourcePhone=13911112222", -3, "descPhone" },
  { "addBlacklists", ADMIN, 0, "phones=13000001111, 13000002222",
    "", NULL, NULL, NULL, 0,
    AGENT, "phones=13000001111", -5, "addBlacklists" },
  { "getBlacklists", ADMIN, 0, "",
    "", "blaPhone", NULL, NULL, 0,
    AGENT, "", -5, "getBlacklists", "13000002222" },
  { "delBlacklists", ADMIN, 0, "phones=13000001111",
    "", NULL, NULL, NULL, 0,
    ADMIN, "", -3, "phones" },

  /* 2.3 callbacks */
  { "callbackPhone", AGENT, 0, "sourcePhone=100008800|descPhone=13944445555",
    "id", NULL, NULL, "cbkId=id", 0,
    AGENT, "sourcePhone=100008800", -3, "descPhone" },
  { "getCallbackList", AGENT, 0, "start=0|limit=25|id={cbkId}",
    "total", "rows",
    "cbkId cbk_exteId cbkSourcePhone cbkDescPhone cbkStatus cbkCreateTime cbkBeginTime cbkSuccessTime"
    " cbkEndTime cbkTimes cbkTransferSuccessTime cbkTransferEndTime cbkTransferTimes cbkResultCode"
    " cbkErrorCode cbkWavFile cbkExtension", NULL, 0,
    AGENT, "start=0|limit=25|id=abc", -3, "id", "13944445555" },

  /* 2.4 voice verification, areas */
  { "phoneAudit", AGENT, 0, "yzm=重庆决明科技有限公司|type=4|phone=13955556666|isRecord=2",
    "success id yzm", NULL, NULL, "wsId=id", 0,
    AGENT, "yzm=1234|type=1", -3, "phone" },
  { "getPhoneAudit", AGENT, 0, "id={wsId}|page=1|rows=20",
    "total", "rows",
    "wsId wsStatus wsTalkTimes wsPhone wsCreateTime wsBeginTime wsSuccessTime wsEndTime ws_exteId"
    " wsValue wsType wsRecordPath WsResultKey ws_tyConnectId wsSipRound wsShowPhone", NULL, 0,
    AGENT, "status=9", -3, "status", "重庆决明科技有限公司" },
  { "getAreaPhone", AGENT, 0, "phone=13955556666",
    "area phone areaCode", NULL, NULL, NULL, 0,
    AGENT, "", -3, "phone" },

  /* 2.5 SmartTel */
  { "sendTelCall", AGENT, 0, "mac=" BOX_MAC "|channel=1|phone=13966667777",
    "", NULL, NULL, NULL, 0,
    AGENT, "mac=" BOX_MAC "|channel=1", -3, "phone" },

  /* 2.6 customers */
  { "getCustomersPage", AGENT, 0, "findType=cpPhone|sqlwhere=13922223333|start=0|limit=20",
    "success recordTotal", "rows_customer",
    "custId custName custCorpName custStatus custQQ custAddr custBirthdayType custBirthday custSource"
    " custAge custArea custSex custMemo custType custOther1 custOther2 custOther3", NULL, 0,
    AGENT, "findType=custAge|sqlwhere=1", -3, "findType", "方法表" },
  { "getcustomer", AGENT, 0, "phoneNum=02388889999",
    "success customer customersales worktype", "customerphone", "cpPhone cpType cpLinkMan", NULL, 0,
    AGENT, "", -3, "phoneNum", "重庆方法表公司" },
  { "getTableFields", AGENT, 0, "chinesename=1",
    "success", "rows", "", NULL, 0,
    NOBODY, "", -2, "password" },
  { "saveCustomer", AGENT, 0, "custId={custId}|custMemo=改过了|cpPhone=13922223333",
    "success custId", NULL, NULL, NULL, 0,
    AGENT, "custId=abc", -3, "custId" },
  { "getCodes", AGENT, 0, "codeType=custStatus",
    "success", "ROWS", "", NULL, 0,
    NOBODY, "codeType=custStatus", -2, "password" },

  /* 2.7 call records, the next number, locks */
  { "setCustomerLock", AGENT, 0, "custId={custId}|custIsLock=1",
    "success", NULL, NULL, NULL, 0,
    AGENT, "custIsLock=1", -3, "custId" },

  /* 2.8 sales */
  { "setCustomerSales", AGENT, 0, "custId={custId}|extension=800|status=1|phone=13922223333|custType=2",
    "success", NULL, NULL, NULL, 0,
    AGENT, "custId={custId}|status=7", -3, "status" },
  { "getCustomerSales", AGENT, 0, "phoneNum=13922223333",
    "success", "customersales", "", NULL, 0,
    AGENT, "", -3, "phoneNum", "13922223333" },

  /* 2.9 memos */
  { "addMemo", AGENT, 0, "cdrMemo=客户要报价单|cdrPhone=13922223333|nhtTime=2030-01-02 09:00:00|nhtIsHint=1|nhtPhone=13922223333",
    "success", NULL, NULL, NULL, 0,
    AGENT, "cdrPhone=13922223333", -3, "cdrMemo" },
  { "getMemos", AGENT, 0, "phoneNum=13922223333|start=0|limit=20",
    "success", "rows", "cmmId cmmExtension exteName cmmPhone cmmPhoneName cmmTime cmmMemo", NULL, 0,
    AGENT, "phoneNum=abc", -3, "phoneNum", "客户要报价单" },

  /* 2.10 campaigns */
  { "findCallFlow", AGENT, 0, "",
    "", "callflow",
    "cfId cfName ctkName compGroupCallTimes cfIsend_wfPath cfItransferMode cfItransferTimes cfIIsRecord"
    " cfISendInterval cfISmsStatus cfISmsTims cfISmsContent", "cfId=cfId", 0,
    AGENT, "ctdId=abc", -3, "ctdId" },
  { "addTask", ADMIN, 0,
    "data=[{\"phone\":\"13123456789\",\"key\":\"123\",\"memo\":\"你好\"}]|addType=2|name=方法表任务|allotExte=100008800",
    "id", NULL, NULL, "ctkId=id", 0,
    AGENT, "data=[{\"phone\":\"13123456789\"}]|addType=2|name=x", -5, "addTask" },
  { "findTaskMx", AGENT, 0, "cflId={cfId}|type=0|start=0|limit=25",
    "count groupData", "data", "ctdId ctdPhone ctdStatus ctkName ctd_ctkId", NULL, 0,
    AGENT, "type=0", -3, "cflId" },

  /* 2.11 agents */
  { "addExtension", ADMIN, 0, "exteExtension=888|exteName=方法表坐席|extePassword=pw-888888|exteStatus=0",
    "exteId", NULL, NULL, "exteId=exteId", -10,
    AGENT, "exteExtension=889|exteName=不行", -5, "addExtension" },
  { "editExtension", ADMIN, 0, "exteId={exteId}|exteName=改名的坐席|exteMobile=13977778888",
    "", NULL, NULL, NULL, 0,
    ADMIN, "exteId=99999|exteName=无此人", -11, "exteId" },
  { "initExtensionPassword", ADMIN, 0, "exteId={exteId}",
    "password", NULL, NULL, NULL, 0,
    AGENT, "exteId={exteId}", -5, "initExtensionPassword" },
  { "delExtension", ADMIN, 0, "exteId={exteId}",
    "", NULL, NULL, NULL, -11,
    ADMIN, "", -3, "exteId" },
  { "delcustomer", AGENT, 0, "custId={custId}",
    "success", NULL, NULL, NULL, -11,
    AGENT, "", -3, "custId" },

  /* the SDK's (PROTOCOL.md) */
  { "getLongWaterLine", AGENT, 0, "client=1|message=1|waterLine=0",
    "waterline userInfo keylist", "msgs", "kind phone content time waterLine", NULL, 0,
    AGENT, "client=1|waterLine=abc", -3, "waterLine", "13002311111" },
  { "hangupExten", AGENT, PREPARE_RINGING, "phoneNum=13988880001",
    "", NULL, NULL, NULL, -11,
    AGENT, "", -11, "call" },
  { "transferExten", AGENT, PREPARE_TALKING, "descExten=801",
    "", NULL, NULL, NULL, -11,
    AGENT, "", -3, "descExten" },
};

static SandboxTestServer *server;
static GHashTable *kept;   /* key → value, from earlier answers */

static const char *
account_of (Who who)
{
  switch (who)
    {
    case ADMIN:     return SANDBOX_TEST_ADMIN;
    case COLLEAGUE: return "100008802";
    case AGENT:
    case NOBODY:    return SANDBOX_TEST_AGENT;
    case DEVICE:
    default:        return NULL;
    }
}

static const char *
password_of (Who who)
{
  switch (who)
    {
    case ADMIN:     return SANDBOX_TEST_ADMIN_PASSWORD;
    case AGENT:
    case COLLEAGUE: return SANDBOX_TEST_AGENT_PASSWORD;
    case NOBODY:    return "not-the-password";
    case DEVICE:
    default:        return NULL;
    }
}

/* @params with every {key} replaced by what was kept. */
static char *
expand (const char *params)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = params;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open != NULL ? strchr (open, '}') : NULL;
      g_autofree char *key = NULL;
      const char *value;

      /* JSON in a value ({"phone":…}) is not a key: keys are plain words. */
      if (open == NULL || close == NULL || memchr (open, '"', close - open) != NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 1, close - open - 1);
      value = g_hash_table_lookup (kept, key);
      if (value == NULL)
        g_error ("no value kept for {%s}", key);
      g_string_append (out, value);
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A NUL byte, which no C string carries: encode_form_every() sends it as %00. */
static const char NUL_VALUE[] = "a\\0b";

/* The urlencoded form: base parameters for @who, method, then @params, each with its own value
 * or, when @every_value is set, with that one. */
static char *
encode_form_every (Who         who,
                   const char *method,
                   const char *params,
                   const char *every_value)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *expanded = expand (params);
  g_auto(GStrv) pairs = g_strsplit (expanded, "|", -1);

  if (who != DEVICE)
    {
      g_autofree char *md5 = sandbox_test_md5 (password_of (who));

      g_string_append_printf (form, "sa_user=%s&sa_password=%s&", account_of (who), md5);
    }
  g_string_append_printf (form, "method=%s", method);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (*pairs[i] == '\0' || eq == NULL)
        continue;
      {
        g_autofree char *name = g_strndup (pairs[i], eq - pairs[i]);

        g_string_append_c (form, '&');
        g_string_append_uri_escaped (form, name, NULL, TRUE);
        g_string_append_c (form, '=');
        if (every_value == NUL_VALUE)
          g_string_append (form, "a%00b");
        else
          g_string_append_uri_escaped (form, every_value ? every_value : eq + 1, NULL, FALSE);
      }
    }
  return g_string_free (g_steal_pointer (&form), FALSE);
}

static char *
encode_form (Who         who,
             const char *method,
             const char *params)
{
  return encode_form_every (who, method, params, NULL);
}

static JsonObject *
answer_of (SandboxTestResponse *response)
{
  JsonObject *answer;

  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (response->content_type, ==, "application/json");
  answer = sandbox_test_response_json (response);
  g_assert_nonnull (answer);
  return answer;
}

static JsonObject *
call_get (Who         who,
          const char *method,
          const char *params)
{
  g_autofree char *form = encode_form (who, method, params);
  g_autofree char *path = g_strconcat ("/voip/api/jsondata.html?", form, NULL);
  g_autoptr(SandboxTestResponse) response = sandbox_test_request (server, NULL, "GET", path, NULL,
                                                                  NULL, NULL, 30000);
  return answer_of (response);
}

static JsonObject *
call_post (Who         who,
           const char *method,
           const char *params)
{
  g_autofree char *form = encode_form (who, method, params);
  gsize length = strlen (form);
  g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&form), length);
  g_autoptr(SandboxTestResponse) response = sandbox_test_request (server, NULL, "POST",
                                                                  "/voip/api/jsondata.html",
                                                                  "application/x-www-form-urlencoded",
                                                                  body, NULL, 30000);
  return answer_of (response);
}

/* upload_record_file: the document's multipart form with the file in `fileGsm`. */
static GBytes *upload_content;

static JsonObject *
call_multipart (Who         who,
                const char *method,
                const char *params)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SandboxTestResponse) response = NULL;
  g_autofree char *md5 = sandbox_test_md5 (password_of (who));
  g_autofree char *expanded = expand (params);
  g_auto(GStrv) pairs = g_strsplit (expanded, "|", -1);

  soup_multipart_append_form_string (multipart, "sa_user", account_of (who));
  soup_multipart_append_form_string (multipart, "sa_password", md5);
  soup_multipart_append_form_string (multipart, "method", method);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = eq ? g_strndup (pairs[i], eq - pairs[i]) : NULL;

      if (eq != NULL)
        soup_multipart_append_form_string (multipart, name, eq + 1);
    }
  soup_multipart_append_form_file (multipart, "fileGsm", "call.wav", "audio/x-wav", upload_content);
  soup_multipart_to_message (multipart, headers, &body);
  response = sandbox_test_request (server, NULL, "POST", "/voip/api/jsondata.html",
                                   soup_message_headers_get_one (headers, "Content-Type"), body,
                                   NULL, 30000);
  return answer_of (response);
}

static gint64
code_of (const MethodCase *c,
         JsonObject       *answer)
{
  /* The device protocol answers `status` (0, or 3001–3003), everything else `code`. */
  return sandbox_test_get_int (answer, c->who == DEVICE ? "status" : "code", -9999);
}

static void
assert_members (const MethodCase *c,
                JsonObject       *answer,
                const char       *how)
{
  g_auto(GStrv) members = g_strsplit (c->members, " ", -1);

  if (code_of (c, answer) != 0)
    g_error ("%s %s answered %" G_GINT64_FORMAT ": %s", how, c->method, code_of (c, answer),
             json_object_get_string_member_with_default (answer, "message", "(no message)"));
  for (guint i = 0; members[i] != NULL; i++)
    if (*members[i] != '\0' && !json_object_has_member (answer, members[i]))
      g_error ("%s %s: the answer has no %s", how, c->method, members[i]);

  if (c->rows != NULL)
    {
      JsonNode *node = json_object_get_member (answer, c->rows);
      JsonArray *rows;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        g_error ("%s %s: %s is not a list", how, c->method, c->rows);
      rows = json_node_get_array (node);
      if (c->row_members != NULL)
        {
          g_auto(GStrv) fields = g_strsplit (c->row_members, " ", -1);
          JsonObject *first;

          if (json_array_get_length (rows) == 0)
            g_error ("%s %s: %s is empty", how, c->method, c->rows);
          first = json_array_get_object_element (rows, 0);
          for (guint i = 0; fields[i] != NULL; i++)
            if (*fields[i] != '\0' && !json_object_has_member (first, fields[i]))
              g_error ("%s %s: a row of %s has no %s", how, c->method, c->rows, fields[i]);
        }
    }
}

static void
keep_members (const MethodCase *c,
              JsonObject       *answer)
{
  g_auto(GStrv) pairs = NULL;

  if (c->keep == NULL)
    return;
  pairs = g_strsplit (c->keep, " ", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      JsonNode *node = json_object_get_member (answer, kv[1]);
      char *value;

      /* or the member of the list's first row */
      if (node == NULL && c->rows != NULL)
        {
          JsonArray *rows = json_object_get_array_member (answer, c->rows);

          if (json_array_get_length (rows) > 0)
            node = json_object_get_member (json_array_get_object_element (rows, 0), kv[1]);
        }

      if (node == NULL)
        g_error ("%s: no %s to keep", c->method, kv[1]);
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      g_hash_table_replace (kept, g_strdup (kv[0]), value);
    }
}

static void
prepare (const MethodCase *c)
{
  gint64 water_line = 0;

  if (c->prepare == PREPARE_NONE)
    return;
  {
    g_autoptr(JsonObject) state = sandbox_test_call (server, SANDBOX_TEST_AGENT,
                                                     SANDBOX_TEST_AGENT_PASSWORD, "recvMsg",
                                                     "client", "1", "waterLine", "0",
                                                     "limit", "1000", NULL);

    water_line = sandbox_test_get_int (state, "waterLine", 0);
  }
  if (c->prepare == PREPARE_RINGING)
    {
      g_autoptr(JsonObject) call = sandbox_test_control (server, "/sandbox/call",
                                                         "{\"extension\":\"800\",\"phone\":\"13988880001\","
                                                         "\"direction\":\"in\",\"ring_ms\":60000,\"talk_ms\":0}");
      g_autoptr(JsonObject) ring = sandbox_test_wait_for_event (server, SANDBOX_TEST_AGENT,
                                                                SANDBOX_TEST_AGENT_PASSWORD,
                                                                "13988880001", 0, &water_line, 20000);
    }
  else
    {
      g_autoptr(JsonObject) call = sandbox_test_control (server, "/sandbox/call",
                                                         "{\"extension\":\"800\",\"phone\":\"13988880002\","
                                                         "\"direction\":\"in\",\"ring_ms\":20,\"talk_ms\":60000}");
      g_autoptr(JsonObject) answered = sandbox_test_wait_for_event (server, SANDBOX_TEST_AGENT,
                                                                    SANDBOX_TEST_AGENT_PASSWORD,
                                                                    "13988880002", 1, &water_line,
                                                                    20000);
    }
}

static void
test_method (gconstpointer data)
{
  const MethodCase *c = data;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) posted = NULL;
  g_autoptr(JsonObject) failed = NULL;
  const char *message;

  prepare (c);
  if (c->post_code == MULTIPART)
    {
      /* A file travels only in a multipart form; over GET it is the missing parameter. */
      got = call_multipart (c->who, c->method, c->params);
      assert_members (c, got, "multipart");
      keep_members (c, got);
    }
  else
    {
      got = call_get (c->who, c->method, c->params);
      assert_members (c, got, "GET");
      keep_members (c, got);

      posted = call_post (c->who, c->method, c->params);
      if (c->post_code == 0)
        assert_members (c, posted, "POST");
      else
        g_assert_cmpint (code_of (c, posted), ==, c->post_code);
    }

  if (c->contains != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), got);
      g_autofree char *text = json_to_string (node, FALSE);

      if (strstr (text, c->contains) == NULL)
        g_error ("%s: the answer does not hold %s: %s", c->method, c->contains, text);
    }

  failed = call_get (c->error_who, c->method, c->error_params);
  g_assert_cmpint (code_of (c, failed), ==, c->error_code);
  message = json_object_get_string_member_with_default (failed, "message", "");
  if (strstr (message, c->error_word) == NULL)
    g_error ("%s: the error \"%s\" does not name %s", c->method, message, c->error_word);
}

/* Every method answers -2 to a wrong password (the device protocol has no password). */
static void
test_wrong_password (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) answer = NULL;

      if (cases[i].who == DEVICE)
        continue;
      answer = call_post (NOBODY, cases[i].method, cases[i].params);
      if (sandbox_test_get_int (answer, "code", 0) != -2)
        g_error ("%s with a wrong password answered %" G_GINT64_FORMAT, cases[i].method,
                 sandbox_test_get_int (answer, "code", 0));
    }
}

/* Every method the document names is in the table above. */
static void
test_table_complete (void)
{
  static const char * const documented[] = {
    "getExtension", "getExtensions", "sendMsg", "recvMsg", "upload_record_file", "addCdrRecord",
    "addSmsRecord", "getTaskDetailPhone", "savecustomer", "upload_record", "setUserCheckInOut",
    "registerExtension", "systemChannels", "getChannelList", "smsSend", "setShowPhone",
    "setIvrDialing", "addBlacklists", "delBlacklists", "getBlacklists", "callbackPhone",
    "getCallbackList", "findDialrecord", "phoneAudit", "getPhoneAudit", "getAreaPhone",
    "sendTelCall", "getCustomersPage", "getcustomer", "getTableFields", "saveCustomer",
    "delcustomer", "getCodes", "setCustomerLock", "getCustomerSales", "setCustomerSales",
    "getMemos", "addMemo", "findCallFlow", "addTask", "findTaskMx", "addExtension",
    "editExtension", "delExtension", "initExtensionPassword",
    "getLongWaterLine", "hangupExten", "transferExten",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        found |= g_str_equal (cases[j].method, documented[i]);
      if (!found)
        g_error ("%s has no row in the table", documented[i]);
    }
}

/* Hostile values in every parameter of every method: SQL, 10 kB, bytes that are not UTF-8, a
 * NUL. Each answer is JSON in UTF-8 with a code, a value that is not UTF-8 is refused by name,
 * and afterwards the data is all still there. */
static void
test_hostile_values (void)
{
  static const char sql[] = "x' OR '1'='1'; DROP TABLE customers; --";
  g_autofree char *big = g_strnfill (10 * 1024, '9');
  const char *values[] = { sql, big, "ab\xff\xfe", NUL_VALUE };
  g_autoptr(JsonObject) before = call_get (AGENT, "getCustomersPage", "");
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) log = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        const MethodCase *c = &cases[i];
        g_autofree char *form = encode_form_every (c->who, c->method, c->params, values[v]);
        gsize length = strlen (form);
        /* a form: ten 10 kB values are past what a URL may hold */
        g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&form), length);
        g_autoptr(SandboxTestResponse) response = NULL;
        g_autoptr(JsonObject) answer = NULL;

        response = sandbox_test_request (server, NULL, "POST", "/voip/api/jsondata.html",
                                         "application/x-www-form-urlencoded", body, NULL, 30000);
        g_assert_no_error (response->error);
        g_assert_cmpuint (response->status, ==, 200);
        if (!g_utf8_validate (g_bytes_get_data (response->body, NULL),
                              g_bytes_get_size (response->body), NULL))
          g_error ("%s with %.8s…: the answer is not UTF-8", c->method, values[v]);
        answer = sandbox_test_response_json (response);
        g_assert_nonnull (answer);
        g_assert_true (json_object_has_member (answer, "code") || json_object_has_member (answer, "status"));
        if (v == 2 && strchr (c->params, '=') != NULL)
          {
            g_assert_cmpint (sandbox_test_get_int (answer, "code", 0), ==, -3);
            g_assert_nonnull (strstr (json_object_get_string_member (answer, "message"), "UTF-8"));
          }
      }

  /* Nothing was dropped, and the request log (JSON too) took it all. */
  after = call_get (AGENT, "getCustomersPage", "");
  g_assert_cmpint (sandbox_test_get_int (after, "code", -1), ==, 0);
  g_assert_cmpint (sandbox_test_get_int (after, "recordTotal", -1), >=,
                   sandbox_test_get_int (before, "recordTotal", 0));
  log = sandbox_test_control (server, "/sandbox/requests", NULL);
  g_assert_cmpint (sandbox_test_get_int (log, "total", 0), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char content[] = "RIFF a recording the box recorded";
  g_autofree char *name = g_base64_encode ((const guchar *) "方法表.wav", strlen ("方法表.wav"));
  int status;

  g_test_init (&argc, &argv, NULL);

  upload_content = g_bytes_new_static (content, strlen (content));
  kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (kept, g_strdup ("fileName"), g_strdup (name));
  g_hash_table_insert (kept, g_strdup ("fileMd5"),
                       g_compute_checksum_for_bytes (G_CHECKSUM_MD5, upload_content));

  server = sandbox_test_server_start (NULL, NULL);

  g_test_add_func ("/agent/sandbox-methods/table-complete", test_table_complete);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/agent/sandbox-methods/%02u-%s", i, cases[i].method);

      g_test_add_data_func (path, &cases[i], test_method);
    }
  g_test_add_func ("/agent/sandbox-methods/wrong-password", test_wrong_password);
  g_test_add_func ("/agent/sandbox-methods/hostile-values", test_hostile_values);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  g_hash_table_unref (kept);
  g_bytes_unref (upload_content);
  return status;
}
