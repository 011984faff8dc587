/* test-customers.c — getcustomer, getCustomersPage, savecustomer, delcustomer, setCustomerLock
 * against a real SoupServer (getTableFields and getCodes: test-fields.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bbh.h"
#include "bbh-test-server.h"

typedef BbhTestFixture Fixture;

/* getcustomer */

static BbhCustomer *
get_customer (Fixture     *f,
              const char  *phone,
              GError     **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_customer_async (f->client, phone, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
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
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getcustomer");
  g_assert_cmpstr (bbh_test_param (req, "phoneNum"), ==, "13800138000");
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

/* getCustomersPage */

static GListModel *
get_page (Fixture                *f,
          const BbhCustomerQuery *query,
          guint64                *total,
          GError                **error)
{
  bbh_test_fixture_reset (f);
  bbh_client_get_customers_page_async (f->client, query, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_get_customers_page_finish (f->client, f->result, total, error);
}

static void
test_page_ok (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) customers = NULL;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(BbhCustomer) a = NULL;
  g_autoptr(BbhCustomer) b = NULL;
  g_autoptr(BbhCustomer) c = NULL;
  g_autoptr(BbhCustomerPhone) phone = NULL;
  BbhTestRequest *req;
  guint64 total = 0;

  bbh_customer_query_set_status (query, "2");
  bbh_customer_query_set_customer_type (query, "VIP");
  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_NAME, "李 & 四");
  bbh_customer_query_set_sort_field (query, "custName");
  bbh_customer_query_set_locked (query, 1);
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_CREATED,
                                     "2024-01-01 00:00:00", "2024-12-31");
  bbh_customer_query_set_page (query, 40, 20);

  bbh_test_server_queue_json (f->server, "getCustomersPage",
                              "{\"code\":0,\"success\":true,\"recordTotal\":\"1234\","
                              "\"rows_customer\":["
                              "{\"custId\":\"7687658987667780097\",\"custName\":\"李四\",\"custIsLock\":\"1\"},"
                              "{\"custId\":9007199254740993,\"custName\":\"王五\",\"custCorpName\":\"五金店\"},"
                              "{\"custId\":\"3\",\"custName\":\"无号码\"}],"
                              "\"rows_customerphone\":["
                              "{\"cpId\":1,\"custId\":7687658987667780097,\"cpPhone\":\"13800138000\",\"cpType\":\"常用电话\"},"
                              "{\"cpId\":2,\"custId\":\"9007199254740993\",\"cpPhone\":\"13900139000\"},"
                              "{\"cpId\":3,\"custId\":\"7687658987667780097\",\"cpPhone\":\"02367073578\",\"cpLinkMan\":\"前台\"},"
                              "{\"cpId\":4,\"custId\":\"99\",\"cpPhone\":\"13700137000\"}]}");
  customers = get_page (f, query, &total, &error);
  g_assert_no_error (error);

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "GET");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "getCustomersPage");
  g_assert_cmpstr (bbh_test_param (req, "custStatus"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "custType"), ==, "VIP");
  g_assert_cmpstr (bbh_test_param (req, "findType"), ==, "custName");
  g_assert_cmpstr (bbh_test_param (req, "sqlwhere"), ==, "李 & 四");
  g_assert_cmpstr (bbh_test_param (req, "sortfield"), ==, "custName");
  g_assert_cmpstr (bbh_test_param (req, "custIsLock"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "dateOpt"), ==, "3");
  g_assert_cmpstr (bbh_test_param (req, "startTime"), ==, "2024-01-01 00:00:00");
  g_assert_cmpstr (bbh_test_param (req, "endTime"), ==, "2024-12-31");
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "40");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "20");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 3 + 11);

  g_assert_cmpuint (total, ==, 1234);
  g_assert_true (g_list_model_get_item_type (customers) == BBH_TYPE_CUSTOMER);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 3);

  /* Numbers joined to their customer by custId, whichever way the id was written. */
  a = g_list_model_get_item (customers, 0);
  g_assert_cmpint (bbh_customer_get_id (a), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_customer_get_name (a), ==, "李四");
  g_assert_true (bbh_customer_get_is_locked (a));
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (a)), ==, 2);
  g_assert_cmpstr (bbh_customer_get_phone (a), ==, "13800138000");
  phone = g_list_model_get_item (bbh_customer_get_phones (a), 1);
  g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, "02367073578");
  g_assert_cmpstr (bbh_customer_phone_get_link_man (phone), ==, "前台");
  g_assert_cmpint (bbh_customer_phone_get_id (phone), ==, 3);

  b = g_list_model_get_item (customers, 1);
  g_assert_cmpint (bbh_customer_get_id (b), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_customer_get_corp_name (b), ==, "五金店");
  g_assert_false (bbh_customer_get_is_locked (b));
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (b)), ==, 1);
  g_assert_cmpstr (bbh_customer_get_phone (b), ==, "13900139000");

  c = g_list_model_get_item (customers, 2);
  g_assert_cmpint (bbh_customer_get_id (c), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (c)), ==, 0);
  g_assert_null (bbh_customer_get_phone (c));

  g_clear_object (&customers);
  g_clear_object (&phone);
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&c));
}

static void
test_page_default_query (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) customers = NULL;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(BbhCustomerQuery) copy = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "getCustomersPage", "{\"code\":0,\"rows_customer\":[]}");
  customers = get_page (f, NULL, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "start"), ==, "0");
  g_assert_cmpstr (bbh_test_param (req, "limit"), ==, "50");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 3 + 2);
  g_clear_object (&customers);

  /* A search with no text, and "any" lock, send nothing for them; the find types map to
   * the document's names. */
  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_PHONE, "");
  bbh_customer_query_set_locked (query, -1);
  customers = get_page (f, query, NULL, &error);
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_false (g_hash_table_contains (req->params, "findType"));
  g_assert_false (g_hash_table_contains (req->params, "sqlwhere"));
  g_assert_false (g_hash_table_contains (req->params, "custIsLock"));
  g_clear_object (&customers);

  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_PHONE, "1380013");
  bbh_customer_query_set_locked (query, 0);
  customers = get_page (f, query, NULL, &error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "findType"), ==, "cpPhone");
  g_assert_cmpstr (bbh_test_param (req, "sqlwhere"), ==, "1380013");
  g_assert_cmpstr (bbh_test_param (req, "custIsLock"), ==, "0");
  g_clear_object (&customers);

  copy = bbh_customer_query_copy (query);
  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_CORP_NAME, "八百呼");
  g_assert_cmpstr (bbh_customer_query_get_search (copy), ==, "1380013");
  customers = get_page (f, query, NULL, &error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "findType"), ==, "custCorpName");
  g_assert_cmpstr (bbh_test_param (req, "sqlwhere"), ==, "八百呼");
}

static void
test_page_quirks (Fixture       *f,
                  gconstpointer  data)
{
  static const char *empty[] = {
    "{\"code\":0,\"rows_customer\":null,\"rows_customerphone\":null}",
    "{\"code\":0}",
    "{\"code\":\"0\",\"rows_customer\":[],\"recordTotal\":0}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) customers = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  guint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GListModel) none = NULL;

      g_test_message ("answer %u: %s", i, empty[i]);
      total = 99;
      bbh_test_server_queue_json (f->server, "getCustomersPage", empty[i]);
      none = get_page (f, NULL, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
      g_assert_cmpuint (total, ==, 0);
    }

  /* `rows` instead of rows_customer, `total` instead of recordTotal, numbers inside the row;
   * the separate list does not add them twice. */
  bbh_test_server_queue_json (f->server, "getCustomersPage",
                              "{\"code\":0,\"total\":7,\"rows\":[{\"custId\":5,\"custName\":\"甲\","
                              "\"customerphone\":[{\"custId\":5,\"cpPhone\":\"13800138000\"}]}],"
                              "\"rows_customerphone\":[{\"custId\":5,\"cpPhone\":\"13800138000\"}]}");
  customers = get_page (f, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 1);
  customer = g_list_model_get_item (customers, 0);
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "甲");
  g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (customer)), ==, 1);
  g_clear_object (&customer);
  g_clear_object (&customers);

  /* The phone rows name their customer `cp_custId`, as the sandbox writes it. */
  bbh_test_server_queue_json (f->server, "getCustomersPage",
                              "{\"code\":0,\"recordTotal\":1,\"rows_customer\":[{\"custId\":\"8\"}],"
                              "\"rows_customerphone\":[{\"cp_custId\":\"8\",\"cpPhone\":\"13600136000\"}]}");
  customers = get_page (f, NULL, &total, &error);
  g_assert_no_error (error);
  customer = g_list_model_get_item (customers, 0);
  g_assert_cmpint (bbh_customer_get_id (customer), ==, 8);
  g_assert_cmpstr (bbh_customer_get_phone (customer), ==, "13600136000");
}

static void
test_page_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) customers = NULL;
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();

  bbh_test_server_queue_json (f->server, "getCustomersPage", "{\"success\":false,\"message\":\"错误\"}");
  customers = get_page (f, NULL, NULL, &error);
  g_assert_null (customers);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
  g_clear_error (&error);

  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_LAST_CALL, "yesterday", NULL);
  customers = get_page (f, query, NULL, &error);
  g_assert_null (customers);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "yesterday"));
  g_clear_error (&error);

  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_BIRTHDAY, "2024-01-01", "2024-13-45");
  customers = get_page (f, query, NULL, &error);
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);
}

/* saveCustomer, savecustomer */

static gboolean
save (Fixture          *f,
      gboolean          lower_case,
      BbhCustomerEdit  *edit,
      gint64           *id,
      GError          **error)
{
  bbh_test_fixture_reset (f);
  if (lower_case)
    {
      bbh_client_savecustomer_async (f->client, edit, NULL, bbh_test_on_result, f);
      bbh_test_fixture_wait_result (f);
      return bbh_client_savecustomer_finish (f->client, f->result, id, error);
    }
  bbh_client_save_customer_async (f->client, edit, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  return bbh_client_save_customer_finish (f->client, f->result, id, error);
}

static void
test_save_new_three_phones (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  BbhTestRequest *req;
  gint64 id = 0;

  bbh_customer_edit_set_name (edit, "李四");
  bbh_customer_edit_set_corp_name (edit, "重庆八百呼科技 & 合伙人");
  bbh_customer_edit_set_status (edit, "2");
  bbh_customer_edit_set_qq (edit, "12345678");
  bbh_customer_edit_set_address (edit, "重庆市渝中区解放碑 1 号");
  bbh_customer_edit_set_birthday_type (edit, 2);
  bbh_customer_edit_set_birthday (edit, "1980-02-29");
  bbh_customer_edit_set_source (edit, "展会");
  bbh_customer_edit_set_age (edit, "44");
  bbh_customer_edit_set_area (edit, "重庆");
  bbh_customer_edit_set_sex (edit, "男");
  bbh_customer_edit_set_memo (edit, "第一行\n第二行=好");
  bbh_customer_edit_set_customer_type (edit, "VIP");
  bbh_customer_edit_set_other1 (edit, "甲");
  bbh_customer_edit_set_other2 (edit, "乙");
  bbh_customer_edit_set_other3 (edit, "丙");
  bbh_customer_edit_add_phone (edit, "13800138000", NULL, "李四");
  bbh_customer_edit_add_phone (edit, "02367073578", "办公电话", "前台");
  bbh_customer_edit_add_phone (edit, "+8613900139000", NULL, NULL);
  g_assert_cmpuint (bbh_customer_edit_get_n_phones (edit), ==, 3);

  bbh_test_server_queue_json (f->server, "saveCustomer",
                              "{\"code\":0,\"success\":true,\"custId\":\"7687658987667780097\"}");
  g_assert_true (save (f, FALSE, edit, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (7687658987667780097));

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_true (g_str_has_prefix (req->content_type, "application/x-www-form-urlencoded"));
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "saveCustomer");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "custName"), ==, "李四");
  g_assert_cmpstr (bbh_test_param (req, "custCorpName"), ==, "重庆八百呼科技 & 合伙人");
  g_assert_cmpstr (bbh_test_param (req, "custStatus"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "custQQ"), ==, "12345678");
  g_assert_cmpstr (bbh_test_param (req, "custAddr"), ==, "重庆市渝中区解放碑 1 号");
  g_assert_cmpstr (bbh_test_param (req, "custBirthdayType"), ==, "2");
  g_assert_cmpstr (bbh_test_param (req, "custBirthday"), ==, "1980-02-29");
  g_assert_cmpstr (bbh_test_param (req, "custSource"), ==, "展会");
  g_assert_cmpstr (bbh_test_param (req, "custAge"), ==, "44");
  g_assert_cmpstr (bbh_test_param (req, "custArea"), ==, "重庆");
  g_assert_cmpstr (bbh_test_param (req, "custSex"), ==, "男");
  g_assert_cmpstr (bbh_test_param (req, "custMemo"), ==, "第一行\n第二行=好");
  g_assert_cmpstr (bbh_test_param (req, "custType"), ==, "VIP");
  g_assert_cmpstr (bbh_test_param (req, "custOther1"), ==, "甲");
  g_assert_cmpstr (bbh_test_param (req, "custOther2"), ==, "乙");
  g_assert_cmpstr (bbh_test_param (req, "custOther3"), ==, "丙");
  g_assert_cmpstr (bbh_test_param (req, "recordCount_voip_customer_phone"), ==, "3");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[0]"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[1]"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[2]"), ==, "+8613900139000");
  g_assert_cmpstr (bbh_test_param (req, "cpType[0]"), ==, "常用电话");
  g_assert_cmpstr (bbh_test_param (req, "cpType[1]"), ==, "办公电话");
  g_assert_cmpstr (bbh_test_param (req, "cpType[2]"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[0]"), ==, "李四");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[1]"), ==, "前台");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[2]"), ==, "");
  g_assert_false (g_hash_table_contains (req->params, "cpPhone[3]"));
  /* 3 base + custId, cpPhone, 15 text fields, custBirthdayType, count, 3 × 3 indexed. */
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 3 + 2 + 15 + 1 + 1 + 9);
}

static void
test_save_edit_existing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(BbhCustomerEdit) edit = NULL;
  BbhTestRequest *req;
  gint64 id = 0;

  bbh_test_server_queue_json (f->server, "getcustomer", FULL_CUSTOMER);
  customer = get_customer (f, "13800138000", &error);
  g_assert_no_error (error);

  edit = bbh_customer_edit_new_from_customer (customer);
  g_assert_cmpint (bbh_customer_edit_get_id (edit), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_cmpstr (bbh_customer_edit_get_corp_name (edit), ==, "重庆八百呼科技");
  g_assert_cmpint (bbh_customer_edit_get_birthday_type (edit), ==, 1);
  g_assert_cmpuint (bbh_customer_edit_get_n_phones (edit), ==, 2);
  g_assert_cmpstr (bbh_customer_edit_get_phone (edit, 1), ==, "2367073578");
  g_assert_cmpstr (bbh_customer_edit_get_phone_type (edit, 1), ==, "办公电话");
  g_assert_null (bbh_customer_edit_get_phone_link_man (edit, 1));

  /* The copy is the app's: editing it leaves the customer alone. */
  bbh_customer_edit_set_name (edit, "李四（新）");
  bbh_customer_edit_remove_phone (edit, 0);
  bbh_customer_edit_set_phone (edit, 0, "02367073578", "办公电话", "前台");
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, "李四");

  /* An update answered without the id: the id sent is the one saved. */
  bbh_test_server_queue_json (f->server, "savecustomer", "{\"code\":\"0\"}");
  g_assert_true (save (f, TRUE, edit, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (7687658987667780097));

  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "savecustomer");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "7687658987667780097");
  g_assert_cmpstr (bbh_test_param (req, "custName"), ==, "李四（新）");
  g_assert_cmpstr (bbh_test_param (req, "custCorpName"), ==, "重庆八百呼科技");
  g_assert_cmpstr (bbh_test_param (req, "custQQ"), ==, "12345678");
  g_assert_cmpstr (bbh_test_param (req, "custBirthdayType"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "custOther2"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "custOther3"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "recordCount_voip_customer_phone"), ==, "1");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[0]"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "cpType[0]"), ==, "办公电话");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[0]"), ==, "前台");
  g_assert_false (g_hash_table_contains (req->params, "cpPhone[1]"));

  /* The id as a bare number above 2^53 in a new customer's answer. */
  bbh_customer_edit_set_id (edit, 0);
  bbh_test_server_queue_json (f->server, "saveCustomer",
                              "{\"code\":0,\"custId\":9007199254740993}");
  g_assert_true (save (f, FALSE, edit, &id, &error));
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (bbh_test_param (bbh_test_server_get_last (f->server), "custId"), ==, "");
}

static void
test_save_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(BbhCustomerEdit) edit = NULL;
  BbhTestRequest *req;
  gint64 id = 0;

  /* Three numbers read from the server go back unchanged, in order, under their indexes. */
  bbh_test_server_queue_json (f->server, "getcustomer",
                              "{\"code\":0,\"customer\":{\"custId\":\"9007199254740993\",\"custName\":\"周七\"},"
                              "\"customerphone\":["
                              "{\"cpPhone\":\"13800138000\",\"cpType\":\"手机\",\"cpLinkMan\":\"周七\"},"
                              "{\"cpPhone\":\"02367073578\",\"cpType\":\"办公电话\",\"cpLinkMan\":\"前台\"},"
                              "{\"cpPhone\":\"4008008000\",\"cpType\":\"400\"}]}");
  customer = get_customer (f, "13800138000", &error);
  g_assert_no_error (error);
  edit = bbh_customer_edit_new_from_customer (customer);
  g_assert_cmpuint (bbh_customer_edit_get_n_phones (edit), ==, 3);

  g_assert_true (save (f, FALSE, edit, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, G_GINT64_CONSTANT (9007199254740993));
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "9007199254740993");
  g_assert_cmpstr (bbh_test_param (req, "custName"), ==, "周七");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "recordCount_voip_customer_phone"), ==, "3");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[0]"), ==, "13800138000");
  g_assert_cmpstr (bbh_test_param (req, "cpType[0]"), ==, "手机");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[0]"), ==, "周七");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[1]"), ==, "02367073578");
  g_assert_cmpstr (bbh_test_param (req, "cpType[1]"), ==, "办公电话");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[1]"), ==, "前台");
  g_assert_cmpstr (bbh_test_param (req, "cpPhone[2]"), ==, "4008008000");
  g_assert_cmpstr (bbh_test_param (req, "cpType[2]"), ==, "400");
  g_assert_cmpstr (bbh_test_param (req, "cpLinkMan[2]"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "custBirthday"), ==, "");
  g_assert_cmpstr (bbh_test_param (req, "custBirthdayType"), ==, "0");

  g_clear_object (&edit);
  g_assert_finalize_object (g_steal_pointer (&customer));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *names = user_data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_edit_properties (void)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *qq = NULL;

  g_signal_connect (edit, "notify", G_CALLBACK (on_notify_cb), names);

  /* Writable properties, as a form's bindings set them; notify only on change. */
  g_object_set (edit, "qq", "10001", "customer-type", "VIP", "birthday-type", 1, NULL);
  g_assert_cmpstr (bbh_customer_edit_get_qq (edit), ==, "10001");
  g_assert_cmpstr (bbh_customer_edit_get_customer_type (edit), ==, "VIP");
  g_assert_cmpint (bbh_customer_edit_get_birthday_type (edit), ==, 1);
  g_assert_cmpuint (names->len, ==, 3);
  bbh_customer_edit_set_qq (edit, "10001");
  g_assert_cmpuint (names->len, ==, 3);
  bbh_customer_edit_add_phone (edit, "13800138000", NULL, NULL);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (names, 3), ==, "n-phones");
  bbh_customer_edit_clear_phones (edit);
  g_assert_cmpuint (bbh_customer_edit_get_n_phones (edit), ==, 0);
  g_object_get (edit, "qq", &qq, NULL);
  g_assert_cmpstr (qq, ==, "10001");
  g_signal_handlers_disconnect_by_func (edit, on_notify_cb, names);
  g_assert_finalize_object (g_steal_pointer (&edit));
}

static void
test_save_invalid (Fixture       *f,
                   gconstpointer  data)
{
  static const char *bad_birthdays[] = { "1981-02-29", "80-1-1", "1980/01/01", "1980-1-01", "明天" };
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autoptr(GError) error = NULL;

  bbh_customer_edit_set_name (edit, "李四");
  g_assert_false (save (f, FALSE, edit, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "phone number"));
  g_clear_error (&error);

  bbh_customer_edit_add_phone (edit, "13800138000", NULL, NULL);
  bbh_customer_edit_add_phone (edit, "138 0013 8000", NULL, NULL);
  g_assert_false (save (f, TRUE, edit, NULL, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_clear_error (&error);
  bbh_customer_edit_remove_phone (edit, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_birthdays); i++)
    {
      bbh_customer_edit_set_birthday (edit, bad_birthdays[i]);
      g_assert_false (bbh_customer_edit_validate (edit, &error));
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad_birthdays[i]));
      g_clear_error (&error);
      g_assert_false (save (f, FALSE, edit, NULL, &error));
      g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 0);

  bbh_customer_edit_set_birthday (edit, "");
  g_assert_true (bbh_customer_edit_validate (edit, NULL));
  bbh_customer_edit_set_birthday (edit, "2000-12-31");
  g_assert_true (bbh_customer_edit_validate (edit, NULL));
}

static void
test_save_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = 77;

  bbh_customer_edit_add_phone (edit, "13800138000", NULL, NULL);
  bbh_test_server_queue_json (f->server, "saveCustomer", "{\"code\":-10,\"message\":\"号码已存在\"}");
  g_assert_false (save (f, FALSE, edit, &id, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_EXISTS);
  g_assert_cmpint (id, ==, 77);
  g_clear_error (&error);

  bbh_test_server_queue_json (f->server, "saveCustomer", "{\"success\":false}");
  g_assert_false (save (f, FALSE, edit, &id, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_FAILED);
}

/* delcustomer, setCustomerLock */

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_server_queue_json (f->server, "delcustomer", "{\"success\":true}");
  bbh_test_fixture_reset (f);
  bbh_client_delete_customer_async (f->client, G_GINT64_CONSTANT (7687658987667780097), NULL,
                                    bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_true (bbh_client_delete_customer_finish (f->client, f->result, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "delcustomer");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "7687658987667780097");
  g_assert_cmpuint (g_hash_table_size (req->params), ==, 4);

  bbh_test_server_queue_json (f->server, "delcustomer", "{\"code\":-11}");
  bbh_test_fixture_reset (f);
  bbh_client_delete_customer_async (f->client, 5, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_delete_customer_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  bbh_test_fixture_reset (f);
  bbh_client_delete_customer_async (f->client, 0, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_delete_customer_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  BbhTestRequest *req;

  bbh_test_fixture_reset (f);
  bbh_client_set_customer_lock_async (f->client, G_GINT64_CONSTANT (9007199254740993), TRUE, NULL,
                                      bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_true (bbh_client_set_customer_lock_finish (f->client, f->result, &error));
  g_assert_no_error (error);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (req->http_method, ==, "POST");
  g_assert_cmpstr (bbh_test_param (req, "method"), ==, "setCustomerLock");
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "9007199254740993");
  g_assert_cmpstr (bbh_test_param (req, "custIsLock"), ==, "1");

  bbh_test_server_queue_json (f->server, "setCustomerLock", "{\"code\":\"-5\"}");
  bbh_test_fixture_reset (f);
  bbh_client_set_customer_lock_async (f->client, 42, FALSE, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_set_customer_lock_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_PERMISSION);
  req = bbh_test_server_get_last (f->server);
  g_assert_cmpstr (bbh_test_param (req, "custId"), ==, "42");
  g_assert_cmpstr (bbh_test_param (req, "custIsLock"), ==, "0");
  g_clear_error (&error);

  bbh_test_fixture_reset (f);
  bbh_client_set_customer_lock_async (f->client, -1, TRUE, NULL, bbh_test_on_result, f);
  bbh_test_fixture_wait_result (f);
  g_assert_false (bbh_client_set_customer_lock_finish (f->client, f->result, &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_INVALID);
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, bbh_test_fixture_set_up, fn, bbh_test_fixture_tear_down)
  ADD ("/agent/customers/get/ok", test_get_customer_ok);
  ADD ("/agent/customers/get/not-found", test_get_customer_not_found);
  ADD ("/agent/customers/get/quirks", test_get_customer_quirks);
  ADD ("/agent/customers/get/errors", test_get_customer_errors);
  ADD ("/agent/customers/page/ok", test_page_ok);
  ADD ("/agent/customers/page/default-query", test_page_default_query);
  ADD ("/agent/customers/page/quirks", test_page_quirks);
  ADD ("/agent/customers/page/errors", test_page_errors);
  ADD ("/agent/customers/save/new-three-phones", test_save_new_three_phones);
  ADD ("/agent/customers/save/edit-existing", test_save_edit_existing);
  ADD ("/agent/customers/save/round-trip", test_save_round_trip);
  ADD ("/agent/customers/save/invalid", test_save_invalid);
  ADD ("/agent/customers/save/refused", test_save_refused);
  ADD ("/agent/customers/delete", test_delete);
  ADD ("/agent/customers/lock", test_lock);
#undef ADD
  g_test_add_func ("/agent/customers/edit/properties", test_edit_properties);

  return g_test_run ();
}
