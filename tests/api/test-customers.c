/* test-customers.c — getcustomer, getCustomersPage, savecustomer, delcustomer, setCustomerLock
 * and getTableFields/getCodes against a real SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-test-server.h"

typedef struct
{
  BbhTestServer *server;
  BbhClient     *client;
  GAsyncResult  *result;
  gboolean       done;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = NULL;
  g_autofree char *md5 = bbh_password_md5 ("02367073578");

  f->server = bbh_test_server_new ();
  url = bbh_test_server_dup_url (f->server);
  f->client = bbh_client_new (url, "100008800", md5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_assert_finalize_object (f->client);
  bbh_test_server_free (f->server);
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  f->done = TRUE;
}

static void
reset (Fixture *f)
{
  f->done = FALSE;
  g_clear_object (&f->result);
}

static void
wait (Fixture *f)
{
  bbh_test_wait_for (&f->done, 10000);
}

static const char *
param (BbhTestRequest *req,
       const char     *name)
{
  return g_hash_table_lookup (req->params, name);
}

/* getcustomer */

static BbhCustomer *
get_customer (Fixture     *f,
              const char  *phone,
              GError     **error)
{
  reset (f);
  bbh_client_get_customer_async (f->client, phone, NULL, on_result_cb, f);
  wait (f);
  return bbh_client_get_customer_finish (f->client, f->result, error);
}

#define FULL_CUSTOMER \
  "{\"code\":0,\"success\":true," \
  "\"customer\":{\"custId\":\"7687658987667780097\",\"custName\":\"李四\",\"custCorpName\":\"重庆八百呼科技\"," \
  "\"custStatus\":\"2\",\"custQQ\":12345678,\"custAddr\":\"重庆市渝中区\",\"custBirthdayType\":\"1\"," \
  "\"custBirthday\":\"1980-02-29\",\"custSource\":\"展会\",\"custAge\":44,\"custArea\":\"重庆\"," \
  "\"custSex\":\"男\",\"custMemo\":\"老客户\",\"custType\":\"VIP\",\"custOther1\":\"甲\"," \
  "\"custOther2\":\"\",\"custOther3\":null,\"custIsLock\":\"1\",\"custExtension\":\"800\"}," \
  "\"customerphone\":[{\"cpId\":\"9007199254740993\",\"custId\":\"7687658987667780097\"," \
  "\"cpPhone\":\"13800138000\",\"cpType\":\"常用电话\",\"cpLinkMan\":\"李四\"}," \
  "{\"cpId\":2,\"custId\":7687658987667780097,\"cpPhone\":2367073578,\"cpType\":\"办公电话\"}," \
  "{\"cpId\":3,\"cpPhone\":\"\"}]," \
  "\"customersales\":[{\"csId\":\"9223372036854775807\",\"custId\":\"7687658987667780097\"," \
  "\"csExtension\":\"800\",\"exteName\":\"张三\",\"csPhone\":\"13800138000\",\"custType\":\"VIP\"," \
  "\"csStatus\":\"1\",\"csTime\":\"2024-01-02 03:04:05\",\"csMoney\":\"1999.00\"}]," \
  "\"worktype\":[{\"codeValue\":\"1\",\"codeName\":\"售后\"},{\"name\":\"投诉\"}]}"

static void
test_get_customer_ok (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(BbhCustomerPhone) phone = NULL;
  g_autoptr(BbhSale) sale = NULL;
  g_autoptr(BbhCode) work = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *money = NULL;
  BbhTestRequest *req;
  GListModel *phones;

  bbh_test_server_queue_json (f->server, "getcustomer", FULL_CUSTOMER);
  customer = get_customer (f, "13800138000", &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (param (req, "method"), ==, "getcustomer");
  g_assert_cmpstr (param (req, "phoneNum"), ==, "13800138000");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 4);

  g_assert_cmpint (bbh_customer_get_id (customer), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "李四");
  g_assert_cmpstr (bbh_customer_get_corp_name (customer), ==, "重庆八百呼科技");
  g_assert_cmpstr (bbh_customer_get_status (customer), ==, "2");
  g_assert_cmpstr (bbh_customer_get_qq (customer), ==, "12345678");
  g_assert_cmpstr (bbh_customer_get_address (customer), ==, "重庆市渝中区");
  g_assert_cmpint (bbh_customer_get_birthday_type (customer), ==, 1);
  g_assert_cmpstr (bbh_customer_get_birthday (customer), ==, "1980-02-29");
  g_assert_cmpstr (bbh_customer_get_source (customer), ==, "展会");
  g_assert_cmpstr (bbh_customer_get_age (customer), ==, "44");
  g_assert_cmpstr (bbh_customer_get_area (customer), ==, "重庆");
  g_assert_cmpstr (bbh_customer_get_sex (customer), ==, "男");
  g_assert_cmpstr (bbh_customer_get_memo (customer), ==, "老客户");
  g_assert_cmpstr (bbh_customer_get_customer_type (customer), ==, "VIP");
  g_assert_cmpstr (bbh_customer_get_other1 (customer), ==, "甲");
  g_assert_cmpstr (bbh_customer_get_other2 (customer), ==, "");
  g_assert_null (bbh_customer_get_other3 (customer));
  g_assert_true (bbh_customer_get_is_locked (customer));
  extension = bbh_customer_dup_field (customer, "custExtension");
  g_assert_cmpstr (extension, ==, "800");
  g_assert_cmpstr (bbh_customer_get_phone (customer), ==, "13800138000");

  /* The row without a number is not a phone. */
  phones = bbh_customer_get_phones (customer);
  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, 2);
  phone = g_list_model_get_item (phones, 0);
  g_assert_cmpint (bbh_customer_phone_get_id (phone), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (bbh_customer_phone_get_customer_id (phone), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, "13800138000");
  g_assert_cmpstr (bbh_customer_phone_get_phone_type (phone), ==, "常用电话");
  g_assert_cmpstr (bbh_customer_phone_get_link_man (phone), ==, "李四");
  g_clear_object (&phone);
  phone = g_list_model_get_item (phones, 1);
  g_assert_cmpint (bbh_customer_phone_get_id (phone), ==, 2);
  g_assert_cmpint (bbh_customer_phone_get_customer_id (phone), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, "2367073578");
  g_assert_cmpstr (bbh_customer_phone_get_phone_type (phone), ==, "办公电话");
  g_assert_null (bbh_customer_phone_get_link_man (phone));

  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_sales (customer)), ==, 1);
  sale = g_list_model_get_item (bbh_customer_get_sales (customer), 0);
  g_assert_cmpint (bbh_sale_get_id (sale), ==, G_MAXINT64);
  g_assert_cmpint (bbh_sale_get_customer_id (sale), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_sale_get_extension (sale), ==, "800");
  g_assert_cmpstr (bbh_sale_get_extension_name (sale), ==, "张三");
  g_assert_cmpstr (bbh_sale_get_phone (sale), ==, "13800138000");
  g_assert_cmpstr (bbh_sale_get_customer_type (sale), ==, "VIP");
  g_assert_cmpint (bbh_sale_get_status (sale), ==, 1);
  g_assert_cmpstr (bbh_sale_get_time (sale), ==, "2024-01-02 03:04:05");
  money = bbh_sale_dup_field (sale, "csMoney");
  g_assert_cmpstr (money, ==, "1999.00");

  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_work_types (customer)), ==, 2);
  work = g_list_model_get_item (bbh_customer_get_work_types (customer), 0);
  g_assert_cmpstr (bbh_code_get_value (work), ==, "1");
  g_assert_cmpstr (bbh_code_get_text (work), ==, "售后");
  g_clear_object (&work);
  work = g_list_model_get_item (bbh_customer_get_work_types (customer), 1);
  g_assert_cmpstr (bbh_code_get_value (work), ==, "投诉");
  g_assert_cmpstr (bbh_code_get_text (work), ==, "投诉");

  /* Properties, as a GTK factory or a binding reads them. */
  {
    g_autofree char *corp = NULL;
    g_autofree char *first = NULL;
    g_autoptr(GListModel) sales = NULL;
    gint64 id = 0;
    gboolean locked = FALSE;

    g_object_get (customer, "corp-name", &corp, "id", &id, "is-locked", &locked,
                  "phone", &first, "sales", &sales, NULL);
    g_assert_cmpstr (corp, ==, "重庆八百呼科技");
    g_assert_cmpint (id, ==, G_GINT64_CONSTANT (7687658987667780097));
    g_assert_true (locked);
    g_assert_cmpstr (first, ==, "13800138000");
    g_assert_true (sales == bbh_customer_get_sales (customer));
  }

  g_clear_object (&phone);
  g_clear_object (&sale);
  g_clear_object (&work);
  g_assert_finalize_object (g_steal_pointer (&customer));
}

static void
test_get_customer_not_found (Fixture       *f,
                             gconstpointer  data)
{
  static const char *answers[] = {
    "{\"code\":-11,\"message\":\"数据不存在\"}",
    "{\"code\":\"-11\"}",
    "{\"code\":0,\"customer\":null,\"customerphone\":null}",
    "{\"code\":0,\"success\":true}",
    "{\"code\":0,\"customer\":{}}",
    "{\"code\":0,\"customer\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbhCustomer) customer = NULL;

      g_test_message ("answer %u: %s", i, answers[i]);
      bbh_test_server_queue_json (f->server, "getcustomer", answers[i]);
      customer = get_customer (f, "02367073578", &error);
      g_assert_no_error (error);
      g_assert_null (customer);
    }
}

static void
test_get_customer_quirks (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(BbhCustomerPhone) phone = NULL;

  /* Id above 2^53 as a bare number; phones inside the row; customer as a one-row array;
   * null lists. */
  bbh_test_server_queue_json (f->server, "getcustomer",
                              "{\"code\":\"0\",\"customer\":[{\"custId\":9007199254740993,"
                              "\"custName\":\"王五\",\"custIsLock\":0,"
                              "\"customerphone\":[{\"cpPhone\":\"13900139000\"}]}],"
                              "\"customersales\":null,\"worktype\":null}");
  customer = get_customer (f, "13900139000", &error);
  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpint (bbh_customer_get_id (customer), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "王五");
  g_assert_false (bbh_customer_get_is_locked (customer));
  g_assert_null (bbh_customer_get_corp_name (customer));
  g_assert_cmpint (bbh_customer_get_birthday_type (customer), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (customer)), ==, 1);
  phone = g_list_model_get_item (bbh_customer_get_phones (customer), 0);
  g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, "13900139000");
  g_assert_null (bbh_customer_phone_get_phone_type (phone));
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_sales (customer)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_work_types (customer)), ==, 0);
  g_clear_object (&phone);
  g_clear_object (&customer);

  /* The row itself instead of a `customer` member. */
  bbh_test_server_queue_json (f->server, "getcustomer",
                              "{\"code\":0,\"custId\":\"42\",\"custName\":\"赵六\","
                              "\"customerphone\":[{\"cpPhone\":\"13700137000\"}]}");
  customer = get_customer (f, "13700137000", &error);
  g_assert_no_error (error);
  g_assert_cmpint (bbh_customer_get_id (customer), ==, 42);
  g_assert_cmpstr (bbh_customer_get_phone (customer), ==, "13700137000");
}

static void
test_get_customer_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;

  bbh_test_server_queue_json (f->server, "getcustomer", "{\"success\":false,\"message\":\"失败\"}");
  customer = get_customer (f, "13800138000", &error);
  g_assert_null (customer);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "getcustomer", "{\"code\":-5}");
  customer = get_customer (f, "13800138000", &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  g_clear_error (&error);

  bbh_test_server_queue (f->server, "getcustomer", 502, "text/html", "<html>Bad Gateway</html>");
  customer = get_customer (f, "13800138000", &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_HTTP);
  g_clear_error (&error);

  customer = get_customer (f, "", &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  customer = get_customer (f, "电话", &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/agent/customers/get/ok", test_get_customer_ok);
  ADD ("/agent/customers/get/not-found", test_get_customer_not_found);
  ADD ("/agent/customers/get/quirks", test_get_customer_quirks);
  ADD ("/agent/customers/get/errors", test_get_customer_errors);
#undef ADD

  return g_test_run ();
}
