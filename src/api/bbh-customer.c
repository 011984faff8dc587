/* bbh-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-customer"

#include "config.h"

#include "bbh-customer.h"
#include "bbh-customers-private.h"
#include "bbh-json-private.h"

/**
 * BbhCustomer:
 *
 * A customer record. The text properties carry the document's fields (savecustomer, 2.1.9):
 *
 * | property        | member       |
 * |-----------------|--------------|
 * | `name`          | custName     |
 * | `corp-name`     | custCorpName |
 * | `status`        | custStatus   |
 * | `qq`            | custQQ       |
 * | `address`       | custAddr     |
 * | `birthday`      | custBirthday |
 * | `source`        | custSource   |
 * | `age`           | custAge      |
 * | `area`          | custArea     |
 * | `sex`           | custSex      |
 * | `memo`          | custMemo     |
 * | `customer-type` | custType     |
 * | `other1`..`3`   | custOther1..3 |
 *
 * A member the server did not send is %NULL. Members the document does not name (the
 * server sends its whole table row) are read with bbh_customer_dup_field(). To change a
 * customer, make a #BbhCustomerEdit from it.
 */
struct _BbhCustomer
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;
  gint64      id;                           /* custId */
  char       *text[BBH_CUSTOMER_N_TEXT];
  int         birthday_type;                /* custBirthdayType: 0 none, 1 solar, 2 lunar */
  gboolean    is_locked;                    /* custIsLock */
  GListStore *phones;                       /* BbhCustomerPhone: customerphone */
  GListStore *sales;                        /* BbhSale: customersales */
  GListStore *work_types;                   /* BbhCode: worktype */
};

G_DEFINE_FINAL_TYPE (BbhCustomer, bbh_customer, G_TYPE_OBJECT)

const BbhCustomerTextInfo bbh_customer_text_info[BBH_CUSTOMER_N_TEXT] = {
  [BBH_CUSTOMER_TEXT_NAME]      = { "name",          "custName" },
  [BBH_CUSTOMER_TEXT_CORP_NAME] = { "corp-name",     "custCorpName" },
  [BBH_CUSTOMER_TEXT_STATUS]    = { "status",        "custStatus" },
  [BBH_CUSTOMER_TEXT_QQ]        = { "qq",            "custQQ" },
  [BBH_CUSTOMER_TEXT_ADDRESS]   = { "address",       "custAddr" },
  [BBH_CUSTOMER_TEXT_BIRTHDAY]  = { "birthday",      "custBirthday" },
  [BBH_CUSTOMER_TEXT_SOURCE]    = { "source",        "custSource" },
  [BBH_CUSTOMER_TEXT_AGE]       = { "age",           "custAge" },
  [BBH_CUSTOMER_TEXT_AREA]      = { "area",          "custArea" },
  [BBH_CUSTOMER_TEXT_SEX]       = { "sex",           "custSex" },
  [BBH_CUSTOMER_TEXT_MEMO]      = { "memo",          "custMemo" },
  [BBH_CUSTOMER_TEXT_TYPE]      = { "customer-type", "custType" },
  [BBH_CUSTOMER_TEXT_OTHER1]    = { "other1",        "custOther1" },
  [BBH_CUSTOMER_TEXT_OTHER2]    = { "other2",        "custOther2" },
  [BBH_CUSTOMER_TEXT_OTHER3]    = { "other3",        "custOther3" },
};

enum {
  PROP_0,
  PROP_ID,
  PROP_BIRTHDAY_TYPE,
  PROP_IS_LOCKED,
  PROP_PHONE,
  PROP_PHONES,
  PROP_SALES,
  PROP_WORK_TYPES,
  PROP_TEXT_FIRST,
  N_PROPS = PROP_TEXT_FIRST + BBH_CUSTOMER_N_TEXT
};

static GParamSpec *properties[N_PROPS];

static void
append_all (GListStore *store,
            JsonArray  *array,
            gpointer  (*parse_item) (JsonObject *object))
{
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;

      if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
        continue;
      item = parse_item (json_node_get_object (node));
      if (item != NULL)
        g_list_store_append (store, item);
    }
}

/* An empty object is no customer (some servers answer `customer: {}` for an unknown
 * number); anything else is kept, even without a custId. */
gpointer
bbh_customer_parse (JsonObject *object)
{
  BbhCustomer *self;

  if (object == NULL || json_object_get_size (object) == 0)
    return NULL;

  self = g_object_new (BBH_TYPE_CUSTOMER, NULL);
  self->raw = json_object_ref (object);
  self->id = bbh_json_get_int64 (object, "custId", 0);
  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    self->text[i] = bbh_json_dup_string (object, bbh_customer_text_info[i].member);
  self->birthday_type = bbh_json_get_int (object, "custBirthdayType", 0);
  self->is_locked = bbh_json_get_int (object, "custIsLock", 0) != 0;

  /* A row may carry its own numbers; getCustomersPage joins the separate list later. */
  append_all (self->phones, bbh_customers_find_array (object, "customerphone", "phones", NULL),
              bbh_customer_phone_parse);

  return self;
}

void
bbh_customer_add_phone (BbhCustomer      *self,
                        BbhCustomerPhone *phone)
{
  g_assert (BBH_IS_CUSTOMER (self));
  g_assert (BBH_IS_CUSTOMER_PHONE (phone));

  g_list_store_append (self->phones, phone);
}

void
bbh_customer_set_sales (BbhCustomer *self,
                        JsonArray   *array)
{
  g_assert (BBH_IS_CUSTOMER (self));

  g_list_store_remove_all (self->sales);
  append_all (self->sales, array, bbh_sale_parse);
}

void
bbh_customer_set_work_types (BbhCustomer *self,
                             JsonArray   *array)
{
  g_assert (BBH_IS_CUSTOMER (self));

  g_list_store_remove_all (self->work_types);
  append_all (self->work_types, array, bbh_code_parse);
}

static void
bbh_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BbhCustomer *self = BBH_CUSTOMER (object);

  if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
    {
      g_value_set_string (value, self->text[prop_id - PROP_TEXT_FIRST]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_BIRTHDAY_TYPE:
      g_value_set_int (value, self->birthday_type);
      break;
    case PROP_IS_LOCKED:
      g_value_set_boolean (value, self->is_locked);
      break;
    case PROP_PHONE:
      g_value_set_string (value, bbh_customer_get_phone (self));
      break;
    case PROP_PHONES:
      g_value_set_object (value, self->phones);
      break;
    case PROP_SALES:
      g_value_set_object (value, self->sales);
      break;
    case PROP_WORK_TYPES:
      g_value_set_object (value, self->work_types);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_customer_dispose (GObject *object)
{
  BbhCustomer *self = BBH_CUSTOMER (object);

  g_clear_object (&self->phones);
  g_clear_object (&self->sales);
  g_clear_object (&self->work_types);

  G_OBJECT_CLASS (bbh_customer_parent_class)->dispose (object);
}

static void
bbh_customer_finalize (GObject *object)
{
  BbhCustomer *self = BBH_CUSTOMER (object);

  g_clear_pointer (&self->raw, json_object_unref);
  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    g_free (self->text[i]);

  G_OBJECT_CLASS (bbh_customer_parent_class)->finalize (object);
}

static void
bbh_customer_class_init (BbhCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_customer_get_property;
  object_class->dispose = bbh_customer_dispose;
  object_class->finalize = bbh_customer_finalize;

  /**
   * BbhCustomer:id:
   *
   * The customer's id (`custId`), 64-bit; 0 when the server sent none.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:birthday-type:
   *
   * How #BbhCustomer:birthday counts (`custBirthdayType`): 0 not given, 1 solar (阳历),
   * 2 lunar (阴历) calendar.
   */
  properties[PROP_BIRTHDAY_TYPE] =
    g_param_spec_int ("birthday-type", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:is-locked:
   *
   * Whether the customer is locked to its agent (`custIsLock`, see setCustomerLock).
   */
  properties[PROP_IS_LOCKED] =
    g_param_spec_boolean ("is-locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:phone:
   *
   * The first of #BbhCustomer:phones, for a one-line summary; %NULL when there is none.
   */
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:phones:
   *
   * The customer's numbers, #BbhCustomerPhone (`customerphone`).
   */
  properties[PROP_PHONES] =
    g_param_spec_object ("phones", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:sales:
   *
   * The customer's sales, #BbhSale (`customersales`); empty except from getcustomer.
   */
  properties[PROP_SALES] =
    g_param_spec_object ("sales", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomer:work-types:
   *
   * The work-order types offered for this customer, #BbhCode (`worktype`); empty except
   * from getcustomer.
   */
  properties[PROP_WORK_TYPES] =
    g_param_spec_object ("work-types", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    properties[PROP_TEXT_FIRST + i] =
      g_param_spec_string (bbh_customer_text_info[i].property, NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_customer_init (BbhCustomer *self)
{
  self->phones = g_list_store_new (BBH_TYPE_CUSTOMER_PHONE);
  self->sales = g_list_store_new (BBH_TYPE_SALE);
  self->work_types = g_list_store_new (BBH_TYPE_CODE);
}

gint64
bbh_customer_get_id (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), 0);
  return self->id;
}

#define TEXT_GETTER(fn, index)                          \
  const char *                                          \
  fn (BbhCustomer *self)                                \
  {                                                     \
    g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL); \
    return self->text[index];                           \
  }

/**
 * bbh_customer_get_name:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:name, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_name, BBH_CUSTOMER_TEXT_NAME)

/**
 * bbh_customer_get_corp_name:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:corp-name, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_corp_name, BBH_CUSTOMER_TEXT_CORP_NAME)

/**
 * bbh_customer_get_status:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:status, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_status, BBH_CUSTOMER_TEXT_STATUS)

/**
 * bbh_customer_get_qq:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:qq, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_qq, BBH_CUSTOMER_TEXT_QQ)

/**
 * bbh_customer_get_address:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:address, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_address, BBH_CUSTOMER_TEXT_ADDRESS)

/**
 * bbh_customer_get_birthday:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:birthday, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_birthday, BBH_CUSTOMER_TEXT_BIRTHDAY)

/**
 * bbh_customer_get_source:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:source, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_source, BBH_CUSTOMER_TEXT_SOURCE)

/**
 * bbh_customer_get_age:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:age, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_age, BBH_CUSTOMER_TEXT_AGE)

/**
 * bbh_customer_get_area:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:area, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_area, BBH_CUSTOMER_TEXT_AREA)

/**
 * bbh_customer_get_sex:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:sex, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_sex, BBH_CUSTOMER_TEXT_SEX)

/**
 * bbh_customer_get_memo:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:memo, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_memo, BBH_CUSTOMER_TEXT_MEMO)

/**
 * bbh_customer_get_customer_type:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:customer-type, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_customer_type, BBH_CUSTOMER_TEXT_TYPE)

/**
 * bbh_customer_get_other1:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:other1, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_other1, BBH_CUSTOMER_TEXT_OTHER1)

/**
 * bbh_customer_get_other2:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:other2, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_other2, BBH_CUSTOMER_TEXT_OTHER2)

/**
 * bbh_customer_get_other3:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): #BbhCustomer:other3, %NULL when the server did not send it.
 */
TEXT_GETTER (bbh_customer_get_other3, BBH_CUSTOMER_TEXT_OTHER3)

#undef TEXT_GETTER

int
bbh_customer_get_birthday_type (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), 0);
  return self->birthday_type;
}

gboolean
bbh_customer_get_is_locked (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), FALSE);
  return self->is_locked;
}

/**
 * bbh_customer_get_phone:
 * @self: a #BbhCustomer
 *
 * Returns: (nullable): the first number of the customer.
 */
const char *
bbh_customer_get_phone (BbhCustomer *self)
{
  g_autoptr(BbhCustomerPhone) first = NULL;

  g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL);

  first = g_list_model_get_item (G_LIST_MODEL (self->phones), 0);
  /* The store keeps its own reference, so the string outlives ours. */
  return first != NULL ? bbh_customer_phone_get_phone (first) : NULL;
}

/**
 * bbh_customer_get_phones:
 * @self: a #BbhCustomer
 *
 * Returns: (transfer none): the customer's numbers, a #GListModel of #BbhCustomerPhone.
 */
GListModel *
bbh_customer_get_phones (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL);
  return G_LIST_MODEL (self->phones);
}

/**
 * bbh_customer_get_sales:
 * @self: a #BbhCustomer
 *
 * Returns: (transfer none): the customer's sales, a #GListModel of #BbhSale.
 */
GListModel *
bbh_customer_get_sales (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL);
  return G_LIST_MODEL (self->sales);
}

/**
 * bbh_customer_get_work_types:
 * @self: a #BbhCustomer
 *
 * Returns: (transfer none): getcustomer's `worktype` rows, a #GListModel of #BbhCode.
 */
GListModel *
bbh_customer_get_work_types (BbhCustomer *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL);
  return G_LIST_MODEL (self->work_types);
}

/**
 * bbh_customer_dup_field:
 * @self: a #BbhCustomer
 * @member: a member of the server's answer, spelled as on the wire (`custOther1`, or one the
 *   document does not name)
 *
 * Returns: (transfer full) (nullable): the member as text; %NULL when the server did not
 *   send it.
 */
char *
bbh_customer_dup_field (BbhCustomer *self,
                        const char  *member)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return bbh_json_dup_string (self->raw, member);
}
