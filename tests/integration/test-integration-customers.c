/* test-integration-customers.c — customers, codes, fields, locks, sales and memos:
 * src/api's BbhClient against the real babaihu-sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "integ-util.h"

/* ---- helpers ---- */

static GListModel *
get_codes (IntegFixture *f,
           const char   *code_type)
{
  g_autoptr(GError) error = NULL;
  GListModel *codes;
  guint64 total = 0;

  bbh_client_get_codes_async (f->agent, code_type, NULL, integ_on_result_cb, f);
  codes = bbh_client_get_codes_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (codes);
  return codes;
}

/* The @index-th value of the company's code list for @code_type (wrapping around). */
static char *
code_value (IntegFixture *f,
            const char   *code_type,
            guint         index)
{
  g_autoptr(GListModel) codes = get_codes (f, code_type);
  g_autoptr(BbhCode) code = NULL;
  guint n = g_list_model_get_n_items (codes);

  g_assert_cmpuint (n, >, 0);
  code = g_list_model_get_item (codes, index % n);
  return g_strdup (bbh_code_get_value (code));
}

static gint64
save (IntegFixture    *f,
      BbhCustomerEdit *edit,
      gboolean         common_spelling)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean ok;

  if (common_spelling)
    {
      bbh_client_savecustomer_async (f->agent, edit, NULL, integ_on_result_cb, f);
      ok = bbh_client_savecustomer_finish (f->agent, integ_wait (f), &id, &error);
    }
  else
    {
      bbh_client_save_customer_async (f->agent, edit, NULL, integ_on_result_cb, f);
      ok = bbh_client_save_customer_finish (f->agent, integ_wait (f), &id, &error);
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  return id;
}

static BbhCustomer *
get_customer (IntegFixture *f,
              const char   *phone)
{
  g_autoptr(GError) error = NULL;
  BbhCustomer *customer;

  bbh_client_get_customer_async (f->agent, phone, NULL, integ_on_result_cb, f);
  customer = bbh_client_get_customer_finish (f->agent, integ_wait (f), &error);
  g_assert_no_error (error);
  return customer;
}

static GListModel *
search (IntegFixture    *f,
        BbhCustomerFind  find,
        const char      *text,
        int              locked,
        guint64         *out_total)
{
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GError) error = NULL;
  GListModel *customers;

  bbh_customer_query_set_search (query, find, text);
  bbh_customer_query_set_locked (query, locked);
  bbh_customer_query_set_page (query, 0, 50);
  bbh_client_get_customers_page_async (f->agent, query, NULL, integ_on_result_cb, f);
  customers = bbh_client_get_customers_page_finish (f->agent, integ_wait (f), out_total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);
  return customers;
}

static BbhCustomer *
find_in (GListModel *customers,
         gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (customers); i++)
    {
      g_autoptr(BbhCustomer) customer = g_list_model_get_item (customers, i);

      if (bbh_customer_get_id (customer) == id)
        return g_steal_pointer (&customer);
    }
  return NULL;
}

/* Every field and every number of @customer is what @edit said. */
static void
assert_customer_is (BbhCustomer     *customer,
                    BbhCustomerEdit *edit,
                    gint64           id)
{
  GListModel *phones;

  g_assert_nonnull (customer);
  g_assert_cmpint (bbh_customer_get_id (customer), ==, id);
  g_assert_cmpstr (bbh_customer_get_name (customer), ==, bbh_customer_edit_get_name (edit));
  g_assert_cmpstr (bbh_customer_get_corp_name (customer), ==, bbh_customer_edit_get_corp_name (edit));
  g_assert_cmpstr (bbh_customer_get_status (customer), ==, bbh_customer_edit_get_status (edit));
  g_assert_cmpstr (bbh_customer_get_qq (customer), ==, bbh_customer_edit_get_qq (edit));
  g_assert_cmpstr (bbh_customer_get_address (customer), ==, bbh_customer_edit_get_address (edit));
  g_assert_cmpint (bbh_customer_get_birthday_type (customer), ==,
                   bbh_customer_edit_get_birthday_type (edit));
  g_assert_cmpstr (bbh_customer_get_birthday (customer), ==, bbh_customer_edit_get_birthday (edit));
  g_assert_cmpstr (bbh_customer_get_source (customer), ==, bbh_customer_edit_get_source (edit));
  g_assert_cmpstr (bbh_customer_get_age (customer), ==, bbh_customer_edit_get_age (edit));
  g_assert_cmpstr (bbh_customer_get_area (customer), ==, bbh_customer_edit_get_area (edit));
  g_assert_cmpstr (bbh_customer_get_sex (customer), ==, bbh_customer_edit_get_sex (edit));
  g_assert_cmpstr (bbh_customer_get_memo (customer), ==, bbh_customer_edit_get_memo (edit));
  g_assert_cmpstr (bbh_customer_get_customer_type (customer), ==,
                   bbh_customer_edit_get_customer_type (edit));
  g_assert_cmpstr (bbh_customer_get_other1 (customer), ==, bbh_customer_edit_get_other1 (edit));
  g_assert_cmpstr (bbh_customer_get_other2 (customer), ==, bbh_customer_edit_get_other2 (edit));
  g_assert_cmpstr (bbh_customer_get_other3 (customer), ==, bbh_customer_edit_get_other3 (edit));

  phones = bbh_customer_get_phones (customer);
  g_assert_nonnull (phones);
  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, bbh_customer_edit_get_n_phones (edit));
  for (guint i = 0; i < bbh_customer_edit_get_n_phones (edit); i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);

      g_assert_cmpstr (bbh_customer_phone_get_phone (phone), ==, bbh_customer_edit_get_phone (edit, i));
      g_assert_cmpstr (bbh_customer_phone_get_phone_type (phone), ==,
                       bbh_customer_edit_get_phone_type (edit, i));
      g_assert_cmpstr (bbh_customer_phone_get_link_man (phone), ==,
                       bbh_customer_edit_get_phone_link_man (edit, i));
      g_assert_true (bbh_customer_phone_get_customer_id (phone) == id
                     || bbh_customer_phone_get_customer_id (phone) == 0);
    }
}

/* A customer with every field set, its values taken from the company's code lists. */
static BbhCustomerEdit *
full_customer (IntegFixture *f,
               char        **phones)
{
  BbhCustomerEdit *edit = bbh_customer_edit_new ();
  g_autofree char *status = code_value (f, "custStatus", 1);
  g_autofree char *type = code_value (f, "custType", 2);
  g_autofree char *source = code_value (f, "custSource", 0);
  g_autofree char *sex = code_value (f, "custSex", 1);
  g_autofree char *cp_type = code_value (f, "cpType", 1);

  for (guint i = 0; i < 3; i++)
    phones[i] = integ_unique_phone ();

  bbh_customer_edit_set_name (edit, "欧阳 Test & Co");
  bbh_customer_edit_set_corp_name (edit, "重庆山城科技有限公司 = +100%");
  bbh_customer_edit_set_status (edit, status);
  bbh_customer_edit_set_qq (edit, "12345678");
  bbh_customer_edit_set_address (edit, "重庆市渝中区解放碑 8 号, 3F #2");
  bbh_customer_edit_set_birthday_type (edit, 1);
  bbh_customer_edit_set_birthday (edit, "1988-02-29");
  bbh_customer_edit_set_source (edit, source);
  bbh_customer_edit_set_age (edit, "36");
  bbh_customer_edit_set_area (edit, "重庆");
  bbh_customer_edit_set_sex (edit, sex);
  bbh_customer_edit_set_memo (edit, "第一行\n第二行: \"quoted\" ?a=b&c=d");
  bbh_customer_edit_set_customer_type (edit, type);
  bbh_customer_edit_set_other1 (edit, "餐饮");
  bbh_customer_edit_set_other2 (edit, "呼叫中心");
  bbh_customer_edit_set_other3 (edit, "12.5");
  bbh_customer_edit_add_phone (edit, phones[0], "常用电话", "欧阳");
  bbh_customer_edit_add_phone (edit, phones[1], cp_type, "前台 小王");
  bbh_customer_edit_add_phone (edit, phones[2], "传真", "");
  return edit;
}

/* ---- saveCustomer, getcustomer, getCustomersPage ---- */

static void
test_customer_round_trip (IntegFixture  *f,
                          gconstpointer  data)
{
  char *phones[4] = { NULL };
  g_autoptr(BbhCustomerEdit) edit = full_customer (f, phones);
  g_autoptr(BbhCustomer) by_phone = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(BbhCustomer) listed = NULL;
  guint64 total = 0;
  gint64 id;

  id = save (f, edit, FALSE);
  g_assert_cmpint (id, >, 0);

  /* Each of its numbers finds it, with every field and number as saved. */
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&by_phone);
      by_phone = get_customer (f, phones[i]);
      assert_customer_is (by_phone, edit, id);
    }
  g_assert_false (bbh_customer_get_is_locked (by_phone));

  /* The list finds it by any of its numbers, identical. */
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phones[2], -1, &total);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 1);
  listed = find_in (page, id);
  assert_customer_is (listed, edit, id);

  /* …and by its company name and contact name. */
  g_clear_object (&page);
  g_clear_object (&listed);
  page = search (f, BBH_CUSTOMER_FIND_CORP_NAME, "山城科技", -1, &total);
  listed = find_in (page, id);
  assert_customer_is (listed, edit, id);
  g_clear_object (&page);
  g_clear_object (&listed);
  page = search (f, BBH_CUSTOMER_FIND_NAME, "欧阳 Test", -1, &total);
  listed = find_in (page, id);
  assert_customer_is (listed, edit, id);

  /* A number nobody has finds nobody. */
  g_clear_object (&by_phone);
  g_free (phones[3]);
  phones[3] = integ_unique_phone ();
  by_phone = get_customer (f, phones[3]);
  g_assert_null (by_phone);
  g_clear_object (&page);
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phones[3], -1, &total);
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 0);

  for (guint i = 0; i < 4; i++)
    g_free (phones[i]);
}

static void
test_customer_page (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) second = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0, total2 = 0;

  /* The demo company has hundreds of customers: pages of 20 that do not overlap. */
  bbh_customer_query_set_page (query, 0, 20);
  bbh_client_get_customers_page_async (f->agent, query, NULL, integ_on_result_cb, f);
  first = bbh_client_get_customers_page_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 20);
  g_assert_cmpuint (total, >, 20);

  bbh_customer_query_set_page (query, 20, 20);
  bbh_client_get_customers_page_async (f->agent, query, NULL, integ_on_result_cb, f);
  second = bbh_client_get_customers_page_finish (f->agent, integ_wait (f), &total2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total2, ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (second), ==, MIN (20, total - 20));

  for (guint i = 0; i < g_list_model_get_n_items (first); i++)
    {
      g_autoptr(BbhCustomer) customer = g_list_model_get_item (first, i);
      g_autoptr(BbhCustomer) again = find_in (second, bbh_customer_get_id (customer));

      g_assert_null (again);
      /* Each row comes with its numbers (rows_customerphone). */
      g_assert_cmpuint (g_list_model_get_n_items (bbh_customer_get_phones (customer)), >=, 1);
      g_assert_cmpstr (bbh_customer_get_phone (customer), !=, "");
    }
}

static guint
count_matching (IntegFixture     *f,
                BbhCustomerQuery *query)
{
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;

  bbh_customer_query_set_page (query, 0, 50);
  bbh_client_get_customers_page_async (f->agent, query, NULL, integ_on_result_cb, f);
  page = bbh_client_get_customers_page_finish (f->agent, integ_wait (f), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (page));
  return g_list_model_get_n_items (page);
}

static void
test_customer_filters (IntegFixture  *f,
                       gconstpointer  data)
{
  char *phones[3] = { NULL };
  g_autoptr(BbhCustomerEdit) edit = full_customer (f, phones);
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *yesterday_text = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *later_text = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *other_status = NULL;
  g_autofree char *other_type = NULL;
  guint i = 0;

  save (f, edit, FALSE);
  bbh_customer_query_set_search (query, BBH_CUSTOMER_FIND_PHONE, phones[0]);

  /* custStatus and custType narrow the list: its own values find it, others do not. */
  bbh_customer_query_set_status (query, bbh_customer_edit_get_status (edit));
  bbh_customer_query_set_customer_type (query, bbh_customer_edit_get_customer_type (edit));
  g_assert_cmpuint (count_matching (f, query), ==, 1);
  do
    {
      g_free (other_status);
      other_status = code_value (f, "custStatus", i++);
    }
  while (g_strcmp0 (other_status, bbh_customer_edit_get_status (edit)) == 0);
  bbh_customer_query_set_status (query, other_status);
  g_assert_cmpuint (count_matching (f, query), ==, 0);
  bbh_customer_query_set_status (query, NULL);
  i = 0;
  do
    {
      g_free (other_type);
      other_type = code_value (f, "custType", i++);
    }
  while (g_strcmp0 (other_type, bbh_customer_edit_get_customer_type (edit)) == 0);
  bbh_customer_query_set_customer_type (query, other_type);
  g_assert_cmpuint (count_matching (f, query), ==, 0);
  bbh_customer_query_set_customer_type (query, NULL);

  /* dateOpt 3, created: from today on yes (an end date may mean its midnight), yesterday no. */
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_CREATED, today_text, later_text);
  g_assert_cmpuint (count_matching (f, query), ==, 1);
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_CREATED, yesterday_text,
                                     yesterday_text);
  g_assert_cmpuint (count_matching (f, query), ==, 0);

  /* dateOpt 2, the birthday, 1988-02-29 (whether the server compares whole dates or, for
   * upcoming birthdays, months and days: the document does not say). */
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_BIRTHDAY, "1988-02-01", "1988-03-01");
  g_assert_cmpuint (count_matching (f, query), ==, 1);
  bbh_customer_query_set_date_range (query, BBH_CUSTOMER_DATE_BIRTHDAY, "1990-06-01", "1990-06-30");
  g_assert_cmpuint (count_matching (f, query), ==, 0);

  for (i = 0; i < 3; i++)
    g_free (phones[i]);
}

static void
test_customer_sort (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;

  /* sortfield custName: the page comes in that order. */
  bbh_customer_query_set_sort_field (query, "custName");
  bbh_customer_query_set_page (query, 0, 30);
  bbh_client_get_customers_page_async (f->agent, query, NULL, integ_on_result_cb, f);
  page = bbh_client_get_customers_page_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 30);
  /* Either direction counts, as long as it is one order throughout. */
  {
    guint n = g_list_model_get_n_items (page);
    g_autoptr(BbhCustomer) first = g_list_model_get_item (page, 0);
    g_autoptr(BbhCustomer) last = g_list_model_get_item (page, n - 1);
    int direction = strcmp (bbh_customer_get_name (first), bbh_customer_get_name (last)) <= 0 ? 1 : -1;

    for (guint i = 1; i < n; i++)
      {
        g_autoptr(BbhCustomer) a = g_list_model_get_item (page, i - 1);
        g_autoptr(BbhCustomer) b = g_list_model_get_item (page, i);

        g_assert_cmpint (direction * strcmp (bbh_customer_get_name (a), bbh_customer_get_name (b)),
                         <=, 0);
      }
  }
}

static void
test_customer_edit (IntegFixture  *f,
                    gconstpointer  data)
{
  char *phones[3] = { NULL };
  g_autoptr(BbhCustomerEdit) edit = full_customer (f, phones);
  g_autoptr(BbhCustomerEdit) change = NULL;
  g_autoptr(BbhCustomer) saved = NULL;
  g_autoptr(BbhCustomer) changed = NULL;
  g_autoptr(BbhCustomer) gone = NULL;
  g_autofree char *new_phone = integ_unique_phone ();
  gint64 id, same_id = 0;

  /* 2.1.9's spelling, savecustomer, creates… */
  id = save (f, edit, TRUE);
  g_assert_cmpint (id, >, 0);
  saved = get_customer (f, phones[0]);
  assert_customer_is (saved, edit, id);

  /* …and, given the id, changes the same customer: a field, a number removed, one added. */
  change = bbh_customer_edit_new_from_customer (saved);
  g_assert_cmpint (bbh_customer_edit_get_id (change), ==, id);
  bbh_customer_edit_set_corp_name (change, "新公司");
  bbh_customer_edit_set_memo (change, "");
  bbh_customer_edit_remove_phone (change, 1);
  bbh_customer_edit_add_phone (change, new_phone, "手机", "新联系人");
  same_id = save (f, change, FALSE);
  g_assert_cmpint (same_id, ==, id);

  changed = get_customer (f, new_phone);
  assert_customer_is (changed, change, id);
  g_assert_cmpstr (bbh_customer_get_corp_name (changed), ==, "新公司");
  g_assert_cmpstr (bbh_customer_get_name (changed), ==, bbh_customer_edit_get_name (edit));

  /* The removed number no longer finds it. */
  gone = get_customer (f, phones[1]);
  g_assert_true (gone == NULL || bbh_customer_get_id (gone) != id);

  for (guint i = 0; i < 3; i++)
    g_free (phones[i]);
}

static void
test_customer_delete (IntegFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCustomer) before = NULL;
  g_autoptr(BbhCustomer) after = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 1;
  gint64 id;

  bbh_customer_edit_set_name (edit, "要删除的客户");
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  id = save (f, edit, FALSE);
  before = get_customer (f, phone);
  g_assert_nonnull (before);
  /* The first number's type defaults to 常用电话 (2.1.9). */
  {
    g_autoptr(BbhCustomerPhone) first = g_list_model_get_item (bbh_customer_get_phones (before), 0);

    g_assert_cmpstr (bbh_customer_phone_get_phone_type (first), ==, "常用电话");
  }

  bbh_client_delete_customer_async (f->agent, id, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_delete_customer_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);

  after = get_customer (f, phone);
  g_assert_null (after);
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phone, -1, &total);
  g_assert_cmpuint (total, ==, 0);

  /* Deleting it again: it does not exist (-11). */
  bbh_client_delete_customer_async (f->agent, id, NULL, integ_on_result_cb, f);
  g_assert_false (bbh_client_delete_customer_finish (f->agent, integ_wait (f), &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
}

/* ---- getTableFields, getCodes ---- */

static BbhTableField *
find_field (GListModel *fields,
            const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(BbhTableField) field = g_list_model_get_item (fields, i);

      if (g_strcmp0 (bbh_table_field_get_name (field), name) == 0)
        return g_steal_pointer (&field);
    }
  return NULL;
}

static void
test_table_fields (IntegFixture  *f,
                   gconstpointer  data)
{
  static const char * const savecustomer_fields[] = {
    "custName", "custCorpName", "custStatus", "custQQ", "custAddr", "custBirthdayType",
    "custBirthday", "custSource", "custAge", "custArea", "custSex", "custMemo", "custType",
    "custOther1", "custOther2", "custOther3",
  };
  g_autoptr(GListModel) company = NULL;
  g_autoptr(GListModel) system = NULL;
  g_autoptr(GError) error = NULL;
  guint n_different = 0;

  bbh_client_get_table_fields_async (f->agent, FALSE, NULL, integ_on_result_cb, f);
  company = bbh_client_get_table_fields_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  bbh_client_get_table_fields_async (f->agent, TRUE, NULL, integ_on_result_cb, f);
  system = bbh_client_get_table_fields_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);

  /* Every field savecustomer writes has a label, in both namings; the company renames some. */
  for (guint i = 0; i < G_N_ELEMENTS (savecustomer_fields); i++)
    {
      g_autoptr(BbhTableField) ours = find_field (company, savecustomer_fields[i]);
      g_autoptr(BbhTableField) theirs = find_field (system, savecustomer_fields[i]);

      g_assert_nonnull (ours);
      g_assert_nonnull (theirs);
      g_assert_cmpstr (bbh_table_field_get_label (ours), !=, "");
      g_assert_cmpstr (bbh_table_field_get_label (theirs), !=, "");
      if (g_strcmp0 (bbh_table_field_get_label (ours), bbh_table_field_get_label (theirs)) != 0)
        n_different++;
    }
  g_assert_cmpuint (n_different, >, 0);
}

static void
test_codes (IntegFixture  *f,
            gconstpointer  data)
{
  g_autoptr(GListModel) statuses = get_codes (f, "custStatus");
  g_autoptr(GListModel) nothing = get_codes (f, "noSuchField");
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_list_model_get_n_items (statuses), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    {
      g_autoptr(BbhCode) code = g_list_model_get_item (statuses, i);

      g_assert_cmpstr (bbh_code_get_code_type (code), ==, "custStatus");
      g_assert_cmpstr (bbh_code_get_value (code), !=, "");
      g_assert_cmpstr (bbh_code_get_text (code), !=, "");
      /* Values are unique within a type. */
      g_assert_true (g_hash_table_add (values, (gpointer) bbh_code_get_value (code)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (nothing), ==, 0);
}

/* ---- setCustomerLock ---- */

static void
set_lock (IntegFixture *f,
          gint64        id,
          gboolean      locked)
{
  g_autoptr(GError) error = NULL;

  bbh_client_set_customer_lock_async (f->agent, id, locked, NULL, integ_on_result_cb, f);
  g_assert_true (bbh_client_set_customer_lock_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
}

static void
test_customer_lock (IntegFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(BbhCustomer) customer = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(BbhCustomer) listed = NULL;
  g_autoptr(GError) error = NULL;
  guint64 total = 0;
  gint64 id;

  bbh_customer_edit_set_name (edit, "锁定测试");
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  id = save (f, edit, FALSE);

  set_lock (f, id, TRUE);
  customer = get_customer (f, phone);
  g_assert_true (bbh_customer_get_is_locked (customer));
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phone, 1, &total);
  g_assert_cmpuint (total, ==, 1);
  listed = find_in (page, id);
  g_assert_nonnull (listed);
  g_assert_true (bbh_customer_get_is_locked (listed));
  g_clear_object (&page);
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phone, 0, &total);
  g_assert_cmpuint (total, ==, 0);

  set_lock (f, id, FALSE);
  g_clear_object (&customer);
  customer = get_customer (f, phone);
  g_assert_false (bbh_customer_get_is_locked (customer));
  g_clear_object (&page);
  page = search (f, BBH_CUSTOMER_FIND_PHONE, phone, 0, &total);
  g_assert_cmpuint (total, ==, 1);

  /* A customer that does not exist. */
  bbh_client_set_customer_lock_async (f->agent, G_GINT64_CONSTANT (9007199254740993), TRUE, NULL,
                                      integ_on_result_cb, f);
  g_assert_false (bbh_client_set_customer_lock_finish (f->agent, integ_wait (f), &error));
  g_assert_error (error, BBH_ERROR, BBH_ERROR_NOT_FOUND);
}

/* ---- getCustomerSales, setCustomerSales ---- */

static GListModel *
get_sales (IntegFixture *f,
           const char   *phone)
{
  g_autoptr(GError) error = NULL;
  GListModel *sales;

  bbh_client_get_customer_sales_async (f->agent, phone, NULL, integ_on_result_cb, f);
  sales = bbh_client_get_customer_sales_finish (f->agent, integ_wait (f), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sales);
  return sales;
}

static void
set_sale (IntegFixture *f,
          gint64        sale_id,
          gint64        customer_id,
          const char   *customer_type,
          gboolean      succeeded,
          const char   *phone)
{
  g_autoptr(GError) error = NULL;

  bbh_client_set_customer_sales_async (f->agent, sale_id, INTEG_AGENT_EXTENSION, customer_id,
                                       customer_type, succeeded, phone, NULL,
                                       integ_on_result_cb, f);
  g_assert_true (bbh_client_set_customer_sales_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
}

static void
test_sales (IntegFixture  *f,
            gconstpointer  data)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autofree char *phone = integ_unique_phone ();
  g_autofree char *type = code_value (f, "custType", 0);
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) updated = NULL;
  g_autoptr(BbhSale) sale = NULL;
  g_autoptr(BbhSale) sale2 = NULL;
  g_autoptr(BbhCustomer) customer = NULL;
  GListModel *embedded;
  gint64 id;

  bbh_customer_edit_set_name (edit, "签单客户");
  bbh_customer_edit_set_customer_type (edit, type);
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  id = save (f, edit, FALSE);

  none = get_sales (f, phone);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* A new sale (no csId): it shows, successful, for this customer and agent. */
  set_sale (f, 0, id, type, TRUE, phone);
  one = get_sales (f, phone);
  g_assert_cmpuint (g_list_model_get_n_items (one), ==, 1);
  sale = g_list_model_get_item (one, 0);
  g_assert_cmpint (bbh_sale_get_id (sale), >, 0);
  g_assert_cmpint (bbh_sale_get_customer_id (sale), ==, id);
  g_assert_cmpint (bbh_sale_get_status (sale), ==, 1);
  g_assert_cmpstr (bbh_sale_get_customer_type (sale), ==, type);
  g_assert_true (g_str_has_suffix (bbh_sale_get_extension (sale), INTEG_AGENT_EXTENSION));

  /* getcustomer carries it too (customersales). */
  customer = get_customer (f, phone);
  embedded = bbh_customer_get_sales (customer);
  g_assert_nonnull (embedded);
  g_assert_cmpuint (g_list_model_get_n_items (embedded), ==, 1);

  /* Changing that sale (csId) to failed changes it, adds nothing. */
  set_sale (f, bbh_sale_get_id (sale), id, type, FALSE, phone);
  updated = get_sales (f, phone);
  g_assert_cmpuint (g_list_model_get_n_items (updated), ==, 1);
  sale2 = g_list_model_get_item (updated, 0);
  g_assert_cmpint (bbh_sale_get_id (sale2), ==, bbh_sale_get_id (sale));
  g_assert_cmpint (bbh_sale_get_status (sale2), ==, 0);
}

/* ---- getMemos, addMemo ---- */

static GListModel *
get_memos (IntegFixture *f,
           const char   *phone,
           guint64      *out_total)
{
  g_autoptr(GError) error = NULL;
  GListModel *memos;

  bbh_client_get_memos_async (f->agent, phone, 0, 20, NULL, integ_on_result_cb, f);
  memos = bbh_client_get_memos_finish (f->agent, integ_wait (f), out_total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (memos);
  return memos;
}

static void
add_memo (IntegFixture *f,
          const char   *phone,
          const char   *text,
          GDateTime    *hint_time,
          const char   *hint_phone)
{
  g_autoptr(GError) error = NULL;

  bbh_client_add_memo_async (f->agent, phone, text, hint_time, hint_phone, NULL,
                             integ_on_result_cb, f);
  g_assert_true (bbh_client_add_memo_finish (f->agent, integ_wait (f), &error));
  g_assert_no_error (error);
}

static void
test_memos (IntegFixture  *f,
            gconstpointer  data)
{
  g_autoptr(BbhCustomerEdit) edit = bbh_customer_edit_new ();
  g_autofree char *phone = integ_unique_phone ();
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) later = NULL;
  g_autoptr(BbhMemo) first = NULL;
  g_autoptr(BbhMemo) newest = NULL;
  g_autoptr(BbhMemo) older = NULL;
  g_autoptr(GDateTime) hint = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *text = "客户要求下周二回电 & 报价 = 10% + 运费\n第二行 ?#";
  guint64 total_before = 0, total_after = 0;

  bbh_customer_edit_set_name (edit, "跟踪客户");
  bbh_customer_edit_add_phone (edit, phone, NULL, NULL);
  save (f, edit, FALSE);

  before = get_memos (f, phone, &total_before);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 0);

  add_memo (f, phone, text, NULL, NULL);
  after = get_memos (f, phone, &total_after);
  g_assert_cmpuint (total_after, ==, total_before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  first = g_list_model_get_item (after, 0);
  g_assert_cmpstr (bbh_memo_get_text (first), ==, text);
  g_assert_cmpstr (bbh_memo_get_phone (first), ==, phone);
  g_assert_true (g_str_has_suffix (bbh_memo_get_extension (first), INTEG_AGENT_EXTENSION));
  g_assert_cmpstr (bbh_memo_get_phone_name (first), ==, "跟踪客户");
  g_assert_cmpint (bbh_memo_get_id (first), >, 0);
  /* Stamped now (within a few minutes, whatever the clocks). */
  when = bbh_memo_dup_date_time (first);
  g_assert_nonnull (when);
  g_assert_cmpint (ABS (g_date_time_difference (when, now)), <, 300 * G_USEC_PER_SEC);

  /* A newer memo, with a reminder, comes first. */
  hint = g_date_time_add_days (now, 2);
  add_memo (f, phone, "第二条", hint, phone);
  later = get_memos (f, phone, &total_after);
  g_assert_cmpuint (total_after, ==, total_before + 2);
  newest = g_list_model_get_item (later, 0);
  older = g_list_model_get_item (later, 1);
  g_assert_cmpstr (bbh_memo_get_text (newest), ==, "第二条");
  g_assert_cmpstr (bbh_memo_get_text (older), ==, text);
  g_assert_cmpint (bbh_memo_get_id (older), ==, bbh_memo_get_id (first));

  /* A long note (too long for a URL: the client sends it as a form) comes back whole. */
  {
    g_autoptr(GString) long_text = g_string_new (NULL);
    g_autoptr(GListModel) longest = NULL;
    g_autoptr(BbhMemo) memo = NULL;

    while (long_text->len < 6000)
      g_string_append (long_text, "通话记录：客户询问价格 & 交货期 = 30 天; ");
    add_memo (f, phone, long_text->str, NULL, NULL);
    longest = get_memos (f, phone, &total_after);
    memo = g_list_model_get_item (longest, 0);
    g_assert_cmpstr (bbh_memo_get_text (memo), ==, long_text->str);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/agent/integration/" path, IntegFixture, NULL, integ_set_up, func, integ_tear_down)

  ADD ("customer-round-trip", test_customer_round_trip);
  ADD ("customer-page", test_customer_page);
  ADD ("customer-filters", test_customer_filters);
  ADD ("customer-sort", test_customer_sort);
  ADD ("customer-edit", test_customer_edit);
  ADD ("customer-delete", test_customer_delete);
  ADD ("table-fields", test_table_fields);
  ADD ("codes", test_codes);
  ADD ("customer-lock", test_customer_lock);
  ADD ("sales", test_sales);
  ADD ("memos", test_memos);

#undef ADD

  return g_test_run ();
}
