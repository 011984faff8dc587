/* test-memos.c — getMemos, addMemo, getCustomerSales and setCustomerSales against a real
 * SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

static GListModel *
get_memos (Fixture     *f,
           const char  *phone,
           guint        start,
           guint        limit,
           guint64     *total,
           GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_memos_async (f->client, phone, start, limit, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_memos_finish (f->client, f->result, total, error);
}

static gboolean
add_memo (Fixture     *f,
          const char  *phone,
          const char  *memo,
          GDateTime   *hint_time,
          const char  *hint_phone,
          GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_add_memo_async (f->client, phone, memo, hint_time, hint_phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_add_memo_finish (f->client, f->result, error);
}

static void
test_get_memos_ok (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *extra = NULL;
  BbhMemo *memo;
  BbhTestRequest *req;
  guint64 total = 0;

  /* Numbers as strings, ids above 2^53 as a string and as a bare number. */
  bbh_test_server_queue_json (f->server, "getMemos",
                              "{\"code\":\"0\",\"recordTotal\":\"57\",\"rows\":["
                              "{\"cmmId\":\"7687658987667780097\",\"cmmExtension\":\"800\","
                              "\"exteName\":\"张三\",\"cmmPhone\":\"13800138000\","
                              "\"cmmPhoneName\":\"李四\",\"cmmTime\":\"2024-03-05 09:30:15\","
                              "\"cmmMemo\":\"客户要求明天回电 & 报价\",\"cmmCompId\":\"100008\"},"
                              "{\"cmmId\":9007199254740993,\"cmmExtension\":801,"
                              "\"cmmPhone\":13800138000,\"cmmTime\":null,\"cmmMemo\":\"第二条\"}]}");
  memos = get_memos (f, "13800138000", 20, 10, &total, &error);
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getMemos");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "20");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "10");
  g_assert_cmpstr (bbh_test_param (req, "sa_user"), ==, "100008800");

  g_assert_cmpuint (total, ==, 57);
  g_assert_true (g_list_model_get_item_type (memos) == BBH_TYPE_MEMO);
  g_assert_cmpuint (g_list_model_get_n_items (memos), ==, 2);

  memo = g_list_model_get_item (memos, 0);
  g_assert_cmpint (bbh_memo_get_id (memo), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_memo_get_extension (memo), ==, "800");
  g_assert_cmpstr (bbh_memo_get_extension_name (memo), ==, "张三");
  g_assert_cmpstr (bbh_memo_get_phone (memo), ==, "13800138000");
  g_assert_cmpstr (bbh_memo_get_phone_name (memo), ==, "李四");
  g_assert_cmpstr (bbh_memo_get_time (memo), ==, "2024-03-05 09:30:15");
  g_assert_cmpstr (bbh_memo_get_text (memo), ==, "客户要求明天回电 & 报价");
  extra = bbh_memo_dup_field (memo, "cmmCompId");
  g_assert_cmpstr (extra, ==, "100008");
  when = bbh_memo_dup_date_time (memo);
  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_year (when), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (when), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (when), ==, 5);
  g_assert_cmpint (g_date_time_get_hour (when), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (when), ==, 30);
  g_assert_cmpint (g_date_time_get_second (when), ==, 15);
  g_object_unref (memo);

  memo = g_list_model_get_item (memos, 1);
  g_assert_cmpint (bbh_memo_get_id (memo), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_memo_get_extension (memo), ==, "801");
  g_assert_cmpstr (bbh_memo_get_phone (memo), ==, "13800138000");
  g_assert_null (bbh_memo_get_extension_name (memo));
  g_assert_null (bbh_memo_get_phone_name (memo));
  g_assert_null (bbh_memo_get_time (memo));
  g_assert_null (bbh_memo_dup_date_time (memo));
  g_assert_cmpstr (bbh_memo_get_text (memo), ==, "第二条");

  /* Properties, as a list factory binds them. */
  {
    g_autofree char *text = NULL;
    gint64 id = 0;

    g_object_get (memo, "text", &text, "id", &id, NULL);
    g_assert_cmpstr (text, ==, "第二条");
    g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740993));
  }

  /* The model held the only other reference: nothing leaks with it. */
  g_clear_object (&memos);
  g_assert_finalize_object (memo);
}

static void
test_get_memos_other_members (Fixture       *f,
                              gconstpointer  data)
{
  static const char *answers[] = {
    "{\"code\":0,\"total\":3,\"data\":[{\"cmmId\":1,\"cmmMemo\":\"甲\"}]}",
    "{\"success\":true,\"count\":\"3\",\"memos\":[{\"cmmId\":1,\"cmmMemo\":\"甲\"}]}",
    "{\"code\":0,\"ROWS\":[{\"cmmId\":1,\"cmmMemo\":\"甲\"}],\"total\":3}",
    "{\"code\":0,\"data\":{\"total\":3,\"rows\":[{\"cmmId\":1,\"cmmMemo\":\"甲\"}]}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) memos = NULL;
      g_autoptr(BbhMemo) memo = NULL;
      guint64 total = 0;

      g_test_message ("answer %u: %s", i, answers[i]);
      bbh_test_server_queue_json (f->server, "getMemos", answers[i]);
      memos = get_memos (f, "13800138000", 0, 20, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (memos), ==, 1);
      g_assert_cmpuint (total, ==, 3);
      memo = g_list_model_get_item (memos, 0);
      g_assert_cmpint (bbh_memo_get_id (memo), ==, 1);
      g_assert_cmpstr (bbh_memo_get_text (memo), ==, "甲");
    }
}

static void
test_get_memos_empty (Fixture       *f,
                      gconstpointer  data)
{
  static const char *answers[] = {
    "{\"code\":0,\"rows\":null}",
    "{\"code\":0}",
    "{\"code\":0,\"rows\":[],\"total\":0}",
    "{\"code\":0,\"rows\":\"\"}",
    "{\"code\":0,\"rows\":[null,1,\"x\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) memos = NULL;
      guint64 total = 99;

      g_test_message ("answer %u: %s", i, answers[i]);
      bbh_test_server_queue_json (f->server, "getMemos", answers[i]);
      memos = get_memos (f, "13800138000", 0, 20, &total, &error);
      g_assert_no_error (error);
      g_assert_nonnull (memos);
      g_assert_cmpuint (g_list_model_get_n_items (memos), ==, 0);
      g_assert_cmpuint (total, ==, 0);
    }
}

static void
test_get_memos_all_numbers (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "getMemos", "{\"code\":0,\"rows\":[]}");
  memos = get_memos (f, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_false (g_hash_table_contains (req->params, "phoneNum"));
  g_assert_false (g_hash_table_contains (req->params, "limit"));
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "0");
}

static void
test_get_memos_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) memos = NULL;

  bbh_test_server_queue_json (f->server, "getMemos", "{\"success\":false,\"message\":\"查询失败\"}");
  memos = get_memos (f, "13800138000", 0, 20, NULL, &error);
  g_assert_null (memos);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "查询失败"));
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "getMemos", "{\"code\":-5}");
  memos = get_memos (f, "13800138000", 0, 20, NULL, &error);
  g_assert_null (memos);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Nothing is sent for a number that cannot be one. */
  memos = get_memos (f, "138-0013", 0, 20, NULL, &error);
  g_assert_null (memos);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

static void
test_add_memo_ok (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "addMemo", "{\"code\":\"0\",\"success\":true}");
  g_assert_true (add_memo (f, "13800138000", "客户要求回电 & 明天=好\n第二行", NULL, NULL, &error));
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_true (g_str_has_prefix (req->content_type, "application/x-www-form-urlencoded"));
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "addMemo");
  g_assert_cmpstr (bbh_test_param (req, "cdrMemo"), ==, "客户要求回电 & 明天=好\n第二行");
  g_assert_cmpstr (bbh_test_param (req, "cdrPhone"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "nhtIsHint"), ==, "0");
  g_assert_false (g_hash_table_contains (req->params, "nhtTime"));
  g_assert_false (g_hash_table_contains (req->params, "nhtPhone"));
}

static void
test_add_memo_hint (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 5, 9, 30, 0);
  BbhTestRequest *req;

  g_assert_true (add_memo (f, "13800138000", "提醒", when, NULL, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "nhtIsHint"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "nhtTime"), ==, "2026-03-05 09:30:00");
  g_assert_cmpstr (bbh_test_param (req, "nhtPhone"), ==, "13800138000");

  g_assert_true (add_memo (f, "13800138000", "提醒", when, "02367073578", &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "nhtPhone"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "cdrPhone"), ==, "13800138000");
}

static void
test_add_memo_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  bbh_test_server_queue_json (f->server, "addMemo", "{\"success\":false}");
  g_assert_false (add_memo (f, "13800138000", "备注", NULL, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "addMemo", "{\"code\":-2}");
  g_assert_false (add_memo (f, "13800138000", "备注", NULL, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_AUTH);
}

static void
test_add_memo_invalid (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_now_local ();

  g_assert_false (add_memo (f, "13800138000", "", NULL, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "memo"));
  g_clear_error (&error);

  g_assert_false (add_memo (f, "", "备注", NULL, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "phone number"));
  g_clear_error (&error);

  g_assert_false (add_memo (f, "1380013800a", "备注", NULL, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (add_memo (f, "13800138000", "备注", when, "abc", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);

  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);
}

/* getCustomerSales, setCustomerSales */

static GListModel *
get_sales (Fixture     *f,
           const char  *phone,
           guint64     *total,
           GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_customer_sales_async (f->client, phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_customer_sales_finish (f->client, f->result, total, error);
}

static void
test_get_sales_ok (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sales = NULL;
  g_autoptr(BbhSale) sale = NULL;
  g_autofree char *money = NULL;
  BbhTestRequest *req;
  guint64 total = 0;

  bbh_test_server_queue_json (f->server, "getCustomerSales",
                              "{\"code\":0,\"success\":true,\"customersales\":["
                              "{\"csId\":\"7687658987667780097\",\"custId\":9007199254740993,"
                              "\"custName\":\"李四\",\"custType\":\"VIP\",\"csPhone\":\"13800138000\","
                              "\"csExtension\":\"800\",\"exteName\":\"张三\",\"csStatus\":\"0\","
                              "\"csTime\":\"2024-05-06 07:08:09\",\"csMoney\":12.5},"
                              "{\"csId\":2,\"cs_custId\":\"3\",\"phone\":13800138000,\"extension\":801,"
                              "\"status\":1}]}");
  sales = get_sales (f, "13800138000", &total, &error);
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getCustomerSales");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 4);

  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sales), ==, 2);
  sale = g_list_model_get_item (sales, 0);
  g_assert_cmpint (bbh_sale_get_id (sale), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpint (bbh_sale_get_customer_id (sale), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_sale_get_customer_name (sale), ==, "李四");
  g_assert_cmpstr (bbh_sale_get_customer_type (sale), ==, "VIP");
  g_assert_cmpstr (bbh_sale_get_phone (sale), ==, "13800138000");
  g_assert_cmpstr (bbh_sale_get_extension (sale), ==, "800");
  g_assert_cmpstr (bbh_sale_get_extension_name (sale), ==, "张三");
  g_assert_cmpint (bbh_sale_get_status (sale), ==, 0);
  g_assert_cmpstr (bbh_sale_get_time (sale), ==, "2024-05-06 07:08:09");
  money = bbh_sale_dup_field (sale, "csMoney");
  g_assert_cmpstr (money, ==, "12.5");
  g_clear_object (&sale);

  sale = g_list_model_get_item (sales, 1);
  g_assert_cmpint (bbh_sale_get_id (sale), ==, 2);
  g_assert_cmpint (bbh_sale_get_customer_id (sale), ==, 3);
  g_assert_cmpstr (bbh_sale_get_phone (sale), ==, "13800138000");
  g_assert_cmpstr (bbh_sale_get_extension (sale), ==, "801");
  g_assert_cmpint (bbh_sale_get_status (sale), ==, 1);
  g_assert_null (bbh_sale_get_time (sale));
  g_assert_null (bbh_sale_get_customer_name (sale));

  g_clear_object (&sales);
  g_assert_finalize_object (g_steal_pointer (&sale));
}

static void
test_get_sales_quirks (Fixture       *f,
                       gconstpointer  data)
{
  static const char *empty[] = {
    "{\"code\":0,\"customersales\":null}",
    "{\"code\":0}",
    "{\"code\":0,\"customersales\":[]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sales = NULL;
  g_autoptr(BbhSale) sale = NULL;
  guint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GListModel) none = NULL;

      total = 99;
      bbh_test_server_queue_json (f->server, "getCustomerSales", empty[i]);
      none = get_sales (f, "13800138000", &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
      g_assert_cmpuint (total, ==, 0);
    }

  /* `rows` and a total; a sale without a status says so with -1. */
  bbh_test_server_queue_json (f->server, "getCustomerSales",
                              "{\"code\":0,\"recordTotal\":\"9\",\"rows\":[{\"csId\":\"5\"}]}");
  sales = get_sales (f, "13800138000", &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 9);
  sale = g_list_model_get_item (sales, 0);
  g_assert_cmpint (bbh_sale_get_id (sale), ==, 5);
  g_assert_cmpint (bbh_sale_get_status (sale), ==, -1);
  g_clear_object (&sale);
  g_clear_object (&sales);

  bbh_test_server_queue_json (f->server, "getCustomerSales", "{\"success\":false}");
  sales = get_sales (f, "13800138000", &total, &error);
  g_assert_null (sales);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_clear_error (&error);

  sales = get_sales (f, NULL, &total, &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 5);
}

static gboolean
set_sales (Fixture     *f,
           gint64       sale_id,
           const char  *extension,
           gint64       customer_id,
           const char  *customer_type,
           gboolean     succeeded,
           const char  *phone,
           GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_set_customer_sales_async (f->client, sale_id, extension, customer_id, customer_type,
                                       succeeded, phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_set_customer_sales_finish (f->client, f->result, error);
}

static void
test_set_sales (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "setCustomerSales", "{\"code\":0,\"success\":true}");
  g_assert_true (set_sales (f, G_GINT64_CONSTANT (7687658987667780097), "801",
                            G_GINT64_CONSTANT (9007199254740993), "重要客户", TRUE, "13800138000",
                            &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "setCustomerSales");
  g_assert_cmpstr (bbh_test_param (req, "csId"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "extension"), ==, "801");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "9007199254740993");
  g_assert_cmpstr (bbh_test_param (req, "custType"), ==, "重要客户");
  g_assert_cmpstr (bbh_test_param (req, "status"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "phone"), ==, "13800138000");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 3 + 6);

  /* No extension: the logged-in agent's (account 100008800 → 800); no sale id yet. */
  g_assert_true (set_sales (f, 0, NULL, 42, NULL, FALSE, "02367073578", &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "csId"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "extension"), ==, "800");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "42");
  g_assert_cmpstr (bbh_test_param (req, "custType"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "status"), ==, "0");

  bbh_test_server_queue_json (f->server, "setCustomerSales", "{\"code\":-11}");
  g_assert_false (set_sales (f, 5, NULL, 42, NULL, TRUE, "13800138000", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (set_sales (f, 5, NULL, 0, NULL, TRUE, "13800138000", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (set_sales (f, 5, NULL, 42, NULL, TRUE, "x", &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/memos/get/ok", test_get_memos_ok);
  ADD ("/agent/memos/get/other-members", test_get_memos_other_members);
  ADD ("/agent/memos/get/empty", test_get_memos_empty);
  ADD ("/agent/memos/get/all-numbers", test_get_memos_all_numbers);
  ADD ("/agent/memos/get/errors", test_get_memos_errors);
  ADD ("/agent/memos/add/ok", test_add_memo_ok);
  ADD ("/agent/memos/add/hint", test_add_memo_hint);
  ADD ("/agent/memos/add/refused", test_add_memo_refused);
  ADD ("/agent/memos/add/invalid", test_add_memo_invalid);
  ADD ("/agent/memos/sales/get", test_get_sales_ok);
  ADD ("/agent/memos/sales/quirks", test_get_sales_quirks);
  ADD ("/agent/memos/sales/set", test_set_sales);
#undef ADD

  return g_test_run ();
}
