/* bbh-sale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-sale"

#include "config.h"

#include "bbh-customers-private.h"
#include "bbh-json-private.h"
#include "bbh-sale.h"

/**
 * BbhSale:
 *
 * A sale (签单) recorded against a customer. The document names the members only through
 * setCustomerSales' parameters (csId, extension, custId, custType, status, phone); the cs*
 * spellings are read first, the plain ones as a fallback. Everything else the server sends
 * stays readable with bbh_sale_dup_field().
 */
struct _BbhSale
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;
  gint64      id;              /* csId */
  gint64      customer_id;     /* custId (cs_custId in some answers) */
  char       *customer_name;   /* custName */
  char       *customer_type;   /* custType */
  char       *phone;           /* csPhone / phone */
  char       *extension;       /* csExtension / extension */
  char       *extension_name;  /* exteName */
  int         status;          /* csStatus / status: 0 failed, 1 succeeded, -1 not said */
  char       *time;            /* csTime / csCreateTime */
};

G_DEFINE_FINAL_TYPE (BbhSale, bbh_sale, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CUSTOMER_TYPE,
  PROP_PHONE,
  PROP_EXTENSION,
  PROP_EXTENSION_NAME,
  PROP_STATUS,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gpointer
bbh_sale_parse (JsonObject *object)
{
  BbhSale *self = g_object_new (BBH_TYPE_SALE, NULL);
  gint64 status;

  self->raw = json_object_ref (object);
  self->id = bbh_json_get_int64_any (object, 0, "csId", "id", NULL);
  self->customer_id = bbh_json_get_int64_any (object, 0, "custId", "cs_custId", "csCustId", NULL);
  self->customer_name = bbh_json_dup_string_any (object, "custName", "csCustName", NULL);
  self->customer_type = bbh_json_dup_string_any (object, "custType", "csCustType", NULL);
  self->phone = bbh_json_dup_string_any (object, "csPhone", "phone", "cpPhone", NULL);
  self->extension = bbh_json_dup_string_any (object, "csExtension", "extension", NULL);
  self->extension_name = bbh_json_dup_string (object, "exteName");
  if (bbh_json_read_int64 (object, "csStatus", &status)
      || bbh_json_read_int64 (object, "status", &status))
    self->status = (int) CLAMP (status, G_MININT, G_MAXINT);
  else
    self->status = -1;
  self->time = bbh_json_dup_string_any (object, "csTime", "csCreateTime", "csDate", "createTime",
                                        NULL);
  return self;
}

static void
bbh_sale_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BbhSale *self = BBH_SALE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_CUSTOMER_TYPE:
      g_value_set_string (value, self->customer_type);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_EXTENSION_NAME:
      g_value_set_string (value, self->extension_name);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_sale_finalize (GObject *object)
{
  BbhSale *self = BBH_SALE (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_free (self->customer_name);
  g_free (self->customer_type);
  g_free (self->phone);
  g_free (self->extension);
  g_free (self->extension_name);
  g_free (self->time);

  G_OBJECT_CLASS (bbh_sale_parent_class)->finalize (object);
}

static void
bbh_sale_class_init (BbhSaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_sale_get_property;
  object_class->finalize = bbh_sale_finalize;

  /**
   * BbhSale:id:
   *
   * The sale's id (`csId`), 64-bit.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:customer-id:
   *
   * The customer (`custId`).
   */
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:customer-name:
   *
   * The customer's name, when the server joins it in (`custName`).
   */
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:customer-type:
   *
   * The customer type the sale was made under (`custType`).
   */
  properties[PROP_CUSTOMER_TYPE] =
    g_param_spec_string ("customer-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:phone:
   *
   * The number the sale was made on (`csPhone`, or `phone`).
   */
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:extension:
   *
   * The agent's extension (`csExtension`, or `extension`).
   */
  properties[PROP_EXTENSION] =
    g_param_spec_string ("extension", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:extension-name:
   *
   * The agent's name (`exteName`).
   */
  properties[PROP_EXTENSION_NAME] =
    g_param_spec_string ("extension-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:status:
   *
   * 1 the sale succeeded, 0 it failed (签单失败), -1 the server did not say.
   */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, G_MININT, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhSale:time:
   *
   * When it was recorded, as the server wrote it.
   */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_sale_init (BbhSale *self)
{
  self->status = -1;
}

gint64
bbh_sale_get_id (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), 0);
  return self->id;
}

gint64
bbh_sale_get_customer_id (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), 0);
  return self->customer_id;
}

/**
 * bbh_sale_get_customer_name:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:customer-name, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_customer_name (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->customer_name;
}

/**
 * bbh_sale_get_customer_type:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:customer-type, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_customer_type (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->customer_type;
}

/**
 * bbh_sale_get_phone:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:phone, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_phone (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->phone;
}

/**
 * bbh_sale_get_extension:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:extension, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_extension (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->extension;
}

/**
 * bbh_sale_get_extension_name:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:extension-name, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_extension_name (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->extension_name;
}

int
bbh_sale_get_status (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), -1);
  return self->status;
}

/**
 * bbh_sale_get_time:
 * @self: a #BbhSale
 *
 * Returns: (nullable): #BbhSale:time, %NULL when the server did not send it.
 */
const char *
bbh_sale_get_time (BbhSale *self)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  return self->time;
}

/**
 * bbh_sale_dup_field:
 * @self: a #BbhSale
 * @member: a member of the server's answer, spelled as on the wire
 *
 * Returns: (transfer full) (nullable): the member as text; %NULL when the server did not
 *   send it.
 */
char *
bbh_sale_dup_field (BbhSale    *self,
                    const char *member)
{
  g_return_val_if_fail (BBH_IS_SALE (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return bbh_json_dup_string (self->raw, member);
}
