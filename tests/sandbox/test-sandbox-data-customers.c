/* test-sandbox-data-customers.c — customers, phones, memos, sales, codes and fields over HTTP
 *
 * Runs the real babaihu-sandbox and speaks to it with plain libsoup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sandbox-test-util.h"

#define AGENT SANDBOX_TEST_AGENT
#define AGENT_PW SANDBOX_TEST_AGENT_PASSWORD
#define ADMIN SANDBOX_TEST_ADMIN
#define ADMIN_PW SANDBOX_TEST_ADMIN_PASSWORD
#define OTHER_AGENT "100008801"

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

/* POST as a form: values that do not fit a URL comfortably. */
static JsonObject *
post_call (const char *account,
           const char *password,
           const char *method,
           const char *name,
           const char *value)
{
  g_autofree char *query = sandbox_test_call_query (account, password, method, name, value, NULL);
  g_autoptr(GBytes) body = g_bytes_new (query + (query[0] == '?'), strlen (query) - (query[0] == '?'));
  g_autoptr(SandboxTestResponse) response = NULL;
  JsonObject *object;

  response = sandbox_test_request (server, NULL, "POST", "/voip/api/jsondata.html",
                                   "application/x-www-form-urlencoded", body, NULL, 30000);
  g_assert_no_error (response->error);
  g_assert_cmpuint (response->status, ==, 200);
  object = sandbox_test_response_json (response);
  g_assert_nonnull (object);
  return object;
}

static void
test_save_and_get (void)
{
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) by_id = NULL;
  g_autofree char *id_text = NULL;
  JsonObject *customer;
  JsonArray *phones;
  gint64 cust_id;
  struct { const char *name, *value; } fields[] = {
    { "custName", "测试客户" }, { "custCorpName", "重庆测试科技有限公司" }, { "custStatus", "2" },
    { "custQQ", "123456789" }, { "custAddr", "重庆市渝中区解放碑1号" }, { "custBirthdayType", "1" },
    { "custBirthday", "1985-06-01" }, { "custSource", "3" }, { "custAge", "39" },
    { "custArea", "渝中区" }, { "custSex", "女" }, { "custMemo", "重要客户" }, { "custType", "2" },
    { "custOther1", "制造业" }, { "custOther2", "云呼叫中心" }, { "custOther3", "50" },
  };

  saved = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer",
                             "custId", "",
                             "custName", fields[0].value, "custCorpName", fields[1].value,
                             "custStatus", fields[2].value, "custQQ", fields[3].value,
                             "custAddr", fields[4].value, "custBirthdayType", fields[5].value,
                             "custBirthday", fields[6].value, "custSource", fields[7].value,
                             "custAge", fields[8].value, "custArea", fields[9].value,
                             "custSex", fields[10].value, "custMemo", fields[11].value,
                             "custType", fields[12].value, "custOther1", fields[13].value,
                             "custOther2", fields[14].value, "custOther3", fields[15].value,
                             "recordCount_voip_customer_phone", "3",
                             "cpPhone[0]", "13900001111", "cpType[0]", "常用电话", "cpLinkMan[0]", "测试客户",
                             "cpPhone[1]", "023-6700-1234", "cpType[1]", "办公电话", "cpLinkMan[1]", "前台",
                             "cpPhone[2]", "13900002222", "cpType[2]", "手机", "cpLinkMan[2]", "李助理",
                             NULL);
  assert_code (saved, 0);
  g_assert_true (json_object_get_boolean_member (saved, "success"));
  cust_id = sandbox_test_get_int (saved, "custId", 0);
  g_assert_cmpint (cust_id, >, 0);

  /* any of the three numbers finds the customer with every field and every phone */
  got = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer", "phoneNum", "13900002222", NULL);
  assert_code (got, 0);
  customer = json_object_get_object_member (got, "customer");
  g_assert_nonnull (customer);
  g_assert_cmpint (sandbox_test_get_int (customer, "custId", 0), ==, cust_id);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (member_string (customer, fields[i].name), ==, fields[i].value);
  phones = json_object_get_array_member (got, "customerphone");
  g_assert_cmpuint (json_array_get_length (phones), ==, 3);
  g_assert_cmpstr (member_string (json_array_get_object_element (phones, 0), "cpPhone"), ==, "13900001111");
  g_assert_cmpstr (member_string (json_array_get_object_element (phones, 1), "cpPhone"), ==, "02367001234");
  g_assert_cmpstr (member_string (json_array_get_object_element (phones, 1), "cpType"), ==, "办公电话");
  g_assert_cmpstr (member_string (json_array_get_object_element (phones, 1), "cpLinkMan"), ==, "前台");
  g_assert_cmpstr (member_string (json_array_get_object_element (phones, 2), "cpLinkMan"), ==, "李助理");
  g_assert_nonnull (json_object_get_array_member (got, "customersales"));
  g_assert_nonnull (json_object_get_array_member (got, "worktype"));

  /* the lower-case alias edits: only the fields sent change, the phone list is replaced */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, cust_id);
  by_id = sandbox_test_call (server, AGENT, AGENT_PW, "savecustomer",
                             "custId", id_text,
                             "custMemo", "已改", "recordCount_voip_customer_phone", "1",
                             "cpPhone[0]", "13900003333", NULL);
  assert_code (by_id, 0);
  g_assert_cmpint (sandbox_test_get_int (by_id, "custId", 0), ==, cust_id);
  {
    g_autoptr(JsonObject) again = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer",
                                                     "phoneNum", "13900003333", NULL);
    g_autoptr(JsonObject) gone = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer",
                                                    "phoneNum", "13900001111", NULL);
    customer = json_object_get_object_member (again, "customer");
    g_assert_cmpstr (member_string (customer, "custMemo"), ==, "已改");
    g_assert_cmpstr (member_string (customer, "custName"), ==, "测试客户");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (again, "customerphone")), ==, 1);
    g_assert_null (json_object_get_object_member (gone, "customer"));
  }
}

static void
test_unknown_and_errors (void)
{
  g_autoptr(JsonObject) unknown = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer",
                                                     "phoneNum", "13711110000", NULL);
  g_autoptr(JsonObject) missing = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer", NULL);
  g_autoptr(JsonObject) bad_phone = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer",
                                                       "custName", "x", "cpPhone[0]", "call me",
                                                       NULL);
  g_autoptr(JsonObject) bad_date = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer",
                                                      "custName", "x", "custBirthday", "June", NULL);
  g_autoptr(JsonObject) no_such = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer",
                                                     "custId", "999999999", "custName", "x", NULL);

  /* an unknown number is not an error: customer null, empty lists */
  assert_code (unknown, 0);
  g_assert_true (json_node_is_null (json_object_get_member (unknown, "customer")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (unknown, "customerphone")), ==, 0);

  assert_code (missing, -3);
  g_assert_nonnull (strstr (member_string (missing, "message"), "phoneNum"));
  assert_code (bad_phone, -3);
  g_assert_nonnull (strstr (member_string (bad_phone, "message"), "cpPhone[0]"));
  assert_code (bad_date, -3);
  g_assert_nonnull (strstr (member_string (bad_date, "message"), "custBirthday"));
  assert_code (no_such, -11);
}

static gint64
new_customer (const char *name,
              const char *corp,
              const char *phone)
{
  g_autoptr(JsonObject) saved = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer",
                                                   "custName", name, "custCorpName", corp,
                                                   "cpPhone", phone, NULL);
  assert_code (saved, 0);
  return sandbox_test_get_int (saved, "custId", 0);
}

static void
test_page (void)
{
  g_autoptr(JsonObject) first = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                   "start", "0", "limit", "7", NULL);
  g_autoptr(JsonObject) second = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                    "start", "7", "limit", "7", NULL);
  g_autoptr(JsonObject) tail = NULL;
  g_autoptr(JsonObject) sorted = NULL;
  g_autoptr(JsonObject) bad_sort = NULL;
  g_autofree char *tail_start = NULL;
  JsonArray *rows1, *rows2, *phones;
  gint64 total;

  assert_code (first, 0);
  g_assert_true (json_object_get_boolean_member (first, "success"));
  total = sandbox_test_get_int (first, "recordTotal", -1);
  g_assert_cmpint (total, >=, 200);
  g_assert_cmpint (sandbox_test_get_int (second, "recordTotal", -1), ==, total);
  rows1 = json_object_get_array_member (first, "rows_customer");
  rows2 = json_object_get_array_member (second, "rows_customer");
  g_assert_cmpuint (json_array_get_length (rows1), ==, 7);
  g_assert_cmpuint (json_array_get_length (rows2), ==, 7);
  /* pages do not overlap */
  for (guint i = 0; i < 7; i++)
    for (guint j = 0; j < 7; j++)
      g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows1, i), "custId", 0), !=,
                       sandbox_test_get_int (json_array_get_object_element (rows2, j), "custId", 0));
  /* every phone listed belongs to a customer of the page, and every customer has one */
  phones = json_object_get_array_member (first, "rows_customerphone");
  g_assert_cmpuint (json_array_get_length (phones), >=, 7);
  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      gint64 owner = sandbox_test_get_int (json_array_get_object_element (phones, i), "cp_custId", 0);
      gboolean found = FALSE;
      for (guint j = 0; j < 7; j++)
        found |= sandbox_test_get_int (json_array_get_object_element (rows1, j), "custId", 0) == owner;
      g_assert_true (found);
    }

  /* the last page holds what is left */
  tail_start = g_strdup_printf ("%" G_GINT64_FORMAT, total - 3);
  tail = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage", "start", tail_start,
                            "limit", "20", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (tail, "rows_customer")), ==, 3);

  sorted = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage", "sortfield", "custName asc",
                              "limit", "50", NULL);
  assert_code (sorted, 0);
  rows1 = json_object_get_array_member (sorted, "rows_customer");
  for (guint i = 1; i < json_array_get_length (rows1); i++)
    g_assert_cmpint (strcmp (member_string (json_array_get_object_element (rows1, i - 1), "custName"),
                             member_string (json_array_get_object_element (rows1, i), "custName")), <=, 0);

  /* sortfield is a whitelist, never SQL */
  bad_sort = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                "sortfield", "custName; DROP TABLE customers", NULL);
  assert_code (bad_sort, -3);
  g_assert_nonnull (strstr (member_string (bad_sort, "message"), "sortfield"));
}

static void
test_search (void)
{
  const char *hostile = "x' OR '1'='1'; DROP TABLE customers; --";
  g_autoptr(JsonObject) by_phone = NULL;
  g_autoptr(JsonObject) by_corp = NULL;
  g_autoptr(JsonObject) by_hostile = NULL;
  g_autoptr(JsonObject) by_percent = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonArray *rows;

  new_customer ("搜索甲", "百分之百%有限公司", "13512340001");
  new_customer ("搜索乙", "百分之九十有限公司", "13512340002");
  new_customer (hostile, "注入测试公司", "13512340003");

  by_phone = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                "findType", "cpPhone", "sqlwhere", "1351234000", NULL);
  assert_code (by_phone, 0);
  g_assert_cmpint (sandbox_test_get_int (by_phone, "recordTotal", -1), ==, 3);

  by_corp = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                               "findType", "custCorpName", "sqlwhere", "百分之", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_corp, "recordTotal", -1), ==, 2);

  /* % is a literal character, not a wildcard */
  by_percent = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                  "findType", "custCorpName", "sqlwhere", "百%有限", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_percent, "recordTotal", -1), ==, 1);
  g_clear_pointer (&by_percent, json_object_unref);
  by_percent = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                  "findType", "custCorpName", "sqlwhere", "之%有限", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_percent, "recordTotal", -1), ==, 0);
  g_clear_pointer (&by_percent, json_object_unref);
  by_percent = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                  "findType", "custCorpName", "sqlwhere", "之_十", NULL);
  g_assert_cmpint (sandbox_test_get_int (by_percent, "recordTotal", -1), ==, 0);

  /* SQL in sqlwhere is a search value: it finds the customer whose name is that text */
  by_hostile = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                  "findType", "custName", "sqlwhere", hostile, NULL);
  assert_code (by_hostile, 0);
  g_assert_cmpint (sandbox_test_get_int (by_hostile, "recordTotal", -1), ==, 1);
  rows = json_object_get_array_member (by_hostile, "rows_customer");
  g_assert_cmpstr (member_string (json_array_get_object_element (rows, 0), "custName"), ==, hostile);

  /* and the table is still there */
  after = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage", "limit", "1", NULL);
  assert_code (after, 0);
  g_assert_cmpint (sandbox_test_get_int (after, "recordTotal", -1), >=, 200);
}

static void
test_filters (void)
{
  g_autoptr(JsonObject) all = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage", NULL);
  g_autoptr(JsonObject) status = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                    "custStatus", "3", "limit", "100", NULL);
  g_autoptr(JsonObject) locked = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                    "custIsLock", "1", "limit", "100", NULL);
  g_autoptr(JsonObject) unlocked = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                      "custIsLock", "0", NULL);
  g_autoptr(JsonObject) recent = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                    "dateOpt", "3", "startTime", "2000-01-01 00:00:00",
                                                    "endTime", "2000-12-31 23:59:59", NULL);
  g_autoptr(JsonObject) called = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomersPage",
                                                    "dateOpt", "1", NULL);
  JsonArray *rows = json_object_get_array_member (status, "rows_customer");

  g_assert_cmpint (sandbox_test_get_int (status, "recordTotal", 0), >, 0);
  g_assert_cmpint (sandbox_test_get_int (status, "recordTotal", 0), <, sandbox_test_get_int (all, "recordTotal", 0));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpstr (member_string (json_array_get_object_element (rows, i), "custStatus"), ==, "3");
  g_assert_cmpint (sandbox_test_get_int (locked, "recordTotal", 0) + sandbox_test_get_int (unlocked, "recordTotal", 0),
                   ==, sandbox_test_get_int (all, "recordTotal", 0));
  rows = json_object_get_array_member (locked, "rows_customer");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, i), "custIsLock", -1), ==, 1);
  /* nobody was created in 2000 */
  g_assert_cmpint (sandbox_test_get_int (recent, "recordTotal", -1), ==, 0);
  /* the demo called most of its customers */
  g_assert_cmpint (sandbox_test_get_int (called, "recordTotal", 0), >, 0);
}

static void
test_hostile_values (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(JsonObject) saved = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) bad_utf8 = NULL;
  g_autoptr(JsonObject) too_big = NULL;
  g_autofree char *huge = NULL;

  while (big->len < 10 * 1024)
    g_string_append (big, "备注内容 with ASCII & symbols <>\"'%_\\ ");

  saved = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer", "custName", "大字段",
                             "custMemo", big->str, "cpPhone", "13622223333", NULL);
  assert_code (saved, 0);
  got = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer", "phoneNum", "13622223333", NULL);
  g_assert_cmpstr (member_string (json_object_get_object_member (got, "customer"), "custMemo"), ==, big->str);

  bad_utf8 = sandbox_test_call (server, AGENT, AGENT_PW, "saveCustomer", "custName", "ab\xff\xfe",
                                "cpPhone", "13622224444", NULL);
  g_assert_cmpint (sandbox_test_get_int (bad_utf8, "code", 0), <, 0);
  g_assert_nonnull (strstr (member_string (bad_utf8, "message"), "custName"));

  /* past 64 kB a field is refused, by name */
  huge = g_strnfill (70 * 1024, 'a');
  too_big = post_call (AGENT, AGENT_PW, "saveCustomer", "custMemo", huge);
  assert_code (too_big, -12);
  g_assert_nonnull (strstr (member_string (too_big, "message"), "custMemo"));
}

static void
test_delete_and_lock (void)
{
  g_autofree char *id_text = NULL;
  g_autoptr(JsonObject) lock = NULL;
  g_autoptr(JsonObject) other_edit = NULL;
  g_autoptr(JsonObject) admin_edit = NULL;
  g_autoptr(JsonObject) unlock = NULL;
  g_autoptr(JsonObject) del = NULL;
  g_autoptr(JsonObject) del_again = NULL;
  g_autoptr(JsonObject) got = NULL;
  gint64 cust_id = new_customer ("锁定测试", "", "13733334444");

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, cust_id);

  lock = sandbox_test_call (server, AGENT, AGENT_PW, "setCustomerLock", "custId", id_text,
                            "custIsLock", "1", NULL);
  assert_code (lock, 0);
  other_edit = sandbox_test_call (server, OTHER_AGENT, AGENT_PW, "saveCustomer", "custId", id_text,
                                  "custMemo", "不该成功", NULL);
  assert_code (other_edit, -5);
  admin_edit = sandbox_test_call (server, ADMIN, ADMIN_PW, "saveCustomer", "custId", id_text,
                                  "custMemo", "管理员改的", NULL);
  assert_code (admin_edit, 0);
  unlock = sandbox_test_call (server, AGENT, AGENT_PW, "setCustomerLock", "custId", id_text,
                              "custIsLock", "0", NULL);
  assert_code (unlock, 0);

  del = sandbox_test_call (server, OTHER_AGENT, AGENT_PW, "delcustomer", "custId", id_text, NULL);
  assert_code (del, 0);
  got = sandbox_test_call (server, AGENT, AGENT_PW, "getcustomer", "phoneNum", "13733334444", NULL);
  g_assert_true (json_node_is_null (json_object_get_member (got, "customer")));
  del_again = sandbox_test_call (server, AGENT, AGENT_PW, "delcustomer", "custId", id_text, NULL);
  assert_code (del_again, -11);
}

static void
test_codes_and_fields (void)
{
  g_autoptr(JsonObject) codes = sandbox_test_call (server, AGENT, AGENT_PW, "getCodes",
                                                   "codeType", "custStatus", NULL);
  g_autoptr(JsonObject) fields = sandbox_test_call (server, AGENT, AGENT_PW, "getTableFields", NULL);
  g_autoptr(JsonObject) system = sandbox_test_call (server, AGENT, AGENT_PW, "getTableFields",
                                                    "chinesename", "1", NULL);
  JsonArray *rows = json_object_get_array_member (codes, "ROWS");
  gboolean saw_other1 = FALSE;

  assert_code (codes, 0);
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_assert_cmpstr (member_string (row, "codeType"), ==, "custStatus");
      g_assert_cmpuint (strlen (member_string (row, "codeText")), >, 0);
    }

  rows = json_object_get_array_member (fields, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >=, 16);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *sys = json_array_get_object_element (json_object_get_array_member (system, "rows"), i);
      if (g_str_equal (member_string (row, "fieldName"), "custOther1"))
        {
          /* the company's label vs the system's */
          g_assert_cmpstr (member_string (row, "chineseName"), ==, "所属行业");
          g_assert_cmpstr (member_string (sys, "chineseName"), ==, "其它1");
          saw_other1 = TRUE;
        }
    }
  g_assert_true (saw_other1);
}

static void
test_sales (void)
{
  g_autofree char *id_text = NULL;
  g_autofree char *cs_text = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) bad = NULL;
  JsonArray *rows;
  gint64 cust_id = new_customer ("签单客户", "签单公司", "13744445555");

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, cust_id);
  created = sandbox_test_call (server, AGENT, AGENT_PW, "setCustomerSales", "custId", id_text,
                               "status", "0", "phone", "13744445555", "custType", "2", NULL);
  assert_code (created, 0);
  cs_text = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (created, "csId", 0));
  updated = sandbox_test_call (server, AGENT, AGENT_PW, "setCustomerSales", "csId", cs_text,
                               "status", "1", "extension", "801", NULL);
  assert_code (updated, 0);

  listed = sandbox_test_call (server, AGENT, AGENT_PW, "getCustomerSales", "phoneNum", "13744445555", NULL);
  assert_code (listed, 0);
  rows = json_object_get_array_member (listed, "customersales");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, 0), "csStatus", -1), ==, 1);
  g_assert_cmpstr (member_string (json_array_get_object_element (rows, 0), "csExtension"), ==, "100008801");
  g_assert_cmpint (sandbox_test_get_int (json_array_get_object_element (rows, 0), "cs_custId", 0), ==, cust_id);

  bad = sandbox_test_call (server, AGENT, AGENT_PW, "setCustomerSales", "custId", id_text,
                           "status", "7", NULL);
  assert_code (bad, -3);
  g_assert_nonnull (strstr (member_string (bad, "message"), "status"));
}

static void
test_memos (void)
{
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) next = NULL;
  JsonArray *rows;
  JsonObject *newest;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("第%d次跟进：客户说考虑一下", i + 1);
      g_autoptr(JsonObject) added = NULL;

      added = sandbox_test_call (server, AGENT, AGENT_PW, "addMemo", "cdrPhone", "13855556666",
                                 "cdrMemo", text,
                                 "nhtTime", i == 4 ? "2031-05-06 09:30:00" : "",
                                 "nhtIsHint", i == 4 ? "1" : "0",
                                 "nhtPhone", i == 4 ? "13855556666" : "", NULL);
      assert_code (added, 0);
      g_assert_cmpint (sandbox_test_get_int (added, "cmmId", 0), >, 0);
    }

  page = sandbox_test_call (server, AGENT, AGENT_PW, "getMemos", "phoneNum", "13855556666",
                            "start", "0", "limit", "3", NULL);
  assert_code (page, 0);
  g_assert_cmpint (sandbox_test_get_int (page, "total", 0), ==, 5);
  rows = json_object_get_array_member (page, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  /* newest first, stored exactly as sent */
  newest = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (member_string (newest, "cmmMemo"), ==, "第5次跟进：客户说考虑一下");
  g_assert_cmpstr (member_string (newest, "nhtTime"), ==, "2031-05-06 09:30:00");
  g_assert_cmpint (sandbox_test_get_int (newest, "nhtIsHint", 0), ==, 1);
  g_assert_cmpstr (member_string (newest, "nhtPhone"), ==, "13855556666");
  g_assert_cmpstr (member_string (newest, "cmmExtension"), ==, AGENT);
  g_assert_cmpstr (member_string (newest, "exteName"), ==, "张晓梅");
  g_assert_cmpuint (strlen (member_string (newest, "cmmTime")), ==, 19);

  next = sandbox_test_call (server, AGENT, AGENT_PW, "getMemos", "phoneNum", "13855556666",
                            "start", "3", "limit", "3", NULL);
  rows = json_object_get_array_member (next, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (member_string (json_array_get_object_element (rows, 1), "cmmMemo"), ==,
                   "第1次跟进：客户说考虑一下");

  missing = sandbox_test_call (server, AGENT, AGENT_PW, "addMemo", "cdrMemo", "没有号码", NULL);
  assert_code (missing, -3);
  g_assert_nonnull (strstr (member_string (missing, "message"), "cdrPhone"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Everything a call writes survives a restart on the same --db: customers, memos, agents,
 * the blacklist, call records, check-in, events (the watermark keeps going up from where it
 * was), callbacks. */
static void
test_persistence (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sandbox-data-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "keep.db", NULL);
  const char *args[] = { "--db", db, NULL };
  SandboxTestServer *first, *second;
  g_autofree char *cbk_id = NULL;
  gint64 cust_id, exte_id, water_line;
  g_autofree char *cdr_id = NULL;

  first = sandbox_test_server_start (args, NULL);
  {
    g_autoptr(JsonObject) saved = sandbox_test_call (first, AGENT, AGENT_PW, "saveCustomer",
                                                     "custName", "重启之后", "cpPhone", "13966667777", NULL);
    g_autoptr(JsonObject) memo = sandbox_test_call (first, AGENT, AGENT_PW, "addMemo",
                                                    "cdrPhone", "13966667777", "cdrMemo", "还在吗", NULL);
    g_autoptr(JsonObject) agent = sandbox_test_call (first, ADMIN, ADMIN_PW, "addExtension",
                                                     "exteExtension", "877", "exteName", "重启坐席",
                                                     "extePassword", "keep-877", NULL);
    g_autoptr(JsonObject) black = sandbox_test_call (first, ADMIN, ADMIN_PW, "addBlacklists",
                                                     "phones", "13955550000", NULL);
    g_autoptr(JsonObject) cdr = sandbox_test_call (first, AGENT, AGENT_PW, "addCdrRecord",
                                                   "dialId", "keep-1", "dialPhoneNum", "13966667777",
                                                   "dialPeer", "1", "dialStartTime", "2026-01-02 10:00:00",
                                                   "dialHangupTime", "2026-01-02 10:01:00",
                                                   "dialTalktime", "60", NULL);
    g_autoptr(JsonObject) in = sandbox_test_call (first, AGENT, AGENT_PW, "setUserCheckInOut",
                                                  "status", "0", NULL);
    g_autoptr(JsonObject) sent = sandbox_test_call (first, AGENT, AGENT_PW, "sendMsg", "kind", "1",
                                                    "client", "2", "phone", "13966667777",
                                                    "content", "拨号", "time", "1700000000000",
                                                    "lostTime", "0", NULL);
    g_autoptr(JsonObject) callback = sandbox_test_call (first, AGENT, AGENT_PW, "callbackPhone",
                                                        "sourcePhone", AGENT, "descPhone", "13966667777",
                                                        NULL);
    assert_code (saved, 0);
    assert_code (memo, 0);
    assert_code (agent, 0);
    assert_code (black, 0);
    assert_code (cdr, 0);
    assert_code (in, 0);
    assert_code (sent, 0);
    assert_code (callback, 0);
    cust_id = sandbox_test_get_int (saved, "custId", 0);
    exte_id = sandbox_test_get_int (agent, "exteId", 0);
    cdr_id = g_strdup (member_string (cdr, "cdrId"));
    cbk_id = g_strdup_printf ("%" G_GINT64_FORMAT, sandbox_test_get_int (callback, "id", 0));
    water_line = sandbox_test_get_int (sent, "waterLine", 0);
    g_assert_cmpint (water_line, >, 0);
  }
  sandbox_test_server_stop (first);

  second = sandbox_test_server_start (args, NULL);
  {
    g_autoptr(JsonObject) got = sandbox_test_call (second, AGENT, AGENT_PW, "getcustomer",
                                                   "phoneNum", "13966667777", NULL);
    g_autoptr(JsonObject) memos = sandbox_test_call (second, AGENT, AGENT_PW, "getMemos",
                                                     "phoneNum", "13966667777", NULL);
    g_autoptr(JsonObject) newcomer = sandbox_test_call (second, "100008877", "keep-877",
                                                        "getExtension", NULL);
    g_autoptr(JsonObject) black = sandbox_test_call (second, ADMIN, ADMIN_PW, "getBlacklists", NULL);
    g_autoptr(JsonObject) records = sandbox_test_call (second, AGENT, AGENT_PW, "findDialrecord",
                                                       "scdrId", cdr_id, NULL);
    g_autoptr(JsonObject) me = sandbox_test_call (second, AGENT, AGENT_PW, "getExtension", NULL);
    g_autoptr(JsonObject) events = sandbox_test_call (second, AGENT, AGENT_PW, "recvMsg", "client", "1",
                                                      "waterLine", "0", "limit", "1000", NULL);
    g_autoptr(JsonObject) callbacks = sandbox_test_call (second, AGENT, AGENT_PW, "getCallbackList",
                                                         "id", cbk_id, NULL);
    g_autoptr(JsonObject) later = NULL;
    JsonObject *customer = json_object_get_object_member (got, "customer");
    JsonArray *blacklist = json_object_get_array_member (black, "blaPhone");
    JsonArray *msgs = json_object_get_array_member (events, "msgs");
    gboolean listed = FALSE, dialled = FALSE;

    g_assert_nonnull (customer);
    g_assert_cmpint (sandbox_test_get_int (customer, "custId", 0), ==, cust_id);
    g_assert_cmpstr (member_string (customer, "custName"), ==, "重启之后");
    g_assert_cmpint (sandbox_test_get_int (memos, "total", 0), ==, 1);
    assert_code (newcomer, 0);
    g_assert_cmpint (sandbox_test_get_int (newcomer, "exteId", 0), ==, exte_id);
    for (guint i = 0; i < json_array_get_length (blacklist); i++)
      listed |= g_strcmp0 (json_array_get_string_element (blacklist, i), "13955550000") == 0;
    g_assert_true (listed);
    g_assert_cmpint (sandbox_test_get_int (records, "recordTotal", 0), ==, 1);
    g_assert_true (json_object_get_boolean_member (me, "checkedIn"));
    for (guint i = 0; i < json_array_get_length (msgs); i++)
      {
        JsonObject *msg = json_array_get_object_element (msgs, i);

        if (sandbox_test_get_int (msg, "waterLine", 0) == water_line)
          dialled = g_strcmp0 (json_object_get_string_member (msg, "phone"), "13966667777") == 0;
      }
    g_assert_true (dialled);
    g_assert_cmpint (sandbox_test_get_int (callbacks, "total", 0), ==, 1);

    /* the next event comes after the ones from before the restart */
    later = sandbox_test_call (second, AGENT, AGENT_PW, "sendMsg", "kind", "1", "client", "2",
                               "phone", "13966668888", "time", "1700000000000", "lostTime", "0", NULL);
    g_assert_cmpint (sandbox_test_get_int (later, "waterLine", 0), >,
                     sandbox_test_get_int (events, "waterLine", G_MAXINT64));
  }
  sandbox_test_server_stop (second);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = sandbox_test_server_start (NULL, NULL);

  g_test_add_func ("/agent/sandbox-data-customers/save-and-get", test_save_and_get);
  g_test_add_func ("/agent/sandbox-data-customers/unknown-and-errors", test_unknown_and_errors);
  g_test_add_func ("/agent/sandbox-data-customers/page", test_page);
  g_test_add_func ("/agent/sandbox-data-customers/search", test_search);
  g_test_add_func ("/agent/sandbox-data-customers/filters", test_filters);
  g_test_add_func ("/agent/sandbox-data-customers/hostile-values", test_hostile_values);
  g_test_add_func ("/agent/sandbox-data-customers/delete-and-lock", test_delete_and_lock);
  g_test_add_func ("/agent/sandbox-data-customers/codes-and-fields", test_codes_and_fields);
  g_test_add_func ("/agent/sandbox-data-customers/sales", test_sales);
  g_test_add_func ("/agent/sandbox-data-customers/memos", test_memos);
  g_test_add_func ("/agent/sandbox-data-customers/persistence", test_persistence);

  status = g_test_run ();
  sandbox_test_server_stop (server);
  return status;
}
