/* bbh-customer-phone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-customer-phone"

#include "config.h"

#include "bbh-customer-phone.h"
#include "bbh-customers-private.h"
#include "bbh-json-private.h"

/**
 * BbhCustomerPhone:
 *
 * One number of a customer: `customerphone` in getcustomer, `rows_customerphone` in
 * getCustomersPage, and `cpPhone[i]`/`cpType[i]`/`cpLinkMan[i]` when saving.
 */
struct _BbhCustomerPhone
{
  GObject parent_instance;

  /* Owned */
  JsonObject *raw;
  gint64      id;           /* cpId */
  gint64      customer_id;  /* custId (cp_custId in some answers) */
  char       *phone;        /* cpPhone */
  char       *phone_type;   /* cpType, e.g. 常用电话 */
  char       *link_man;     /* cpLinkMan */
};

G_DEFINE_FINAL_TYPE (BbhCustomerPhone, bbh_customer_phone, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_PHONE,
  PROP_PHONE_TYPE,
  PROP_LINK_MAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row without a number is no phone: skipped. */
gpointer
bbh_customer_phone_parse (JsonObject *object)
{
  BbhCustomerPhone *self;
  g_autofree char *phone = bbh_json_dup_string_any (object, "cpPhone", "phone", "phoneNum", NULL);

  if (phone == NULL || *phone == '\0')
    return NULL;

  self = g_object_new (BBH_TYPE_CUSTOMER_PHONE, NULL);
  self->raw = json_object_ref (object);
  self->id = bbh_json_get_int64 (object, "cpId", 0);
  self->customer_id = bbh_json_get_int64_any (object, 0, "custId", "cp_custId", "cpCustId", NULL);
  self->phone = g_steal_pointer (&phone);
  self->phone_type = bbh_json_dup_string (object, "cpType");
  self->link_man = bbh_json_dup_string (object, "cpLinkMan");
  return self;
}

static void
bbh_customer_phone_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BbhCustomerPhone *self = BBH_CUSTOMER_PHONE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_PHONE_TYPE:
      g_value_set_string (value, self->phone_type);
      break;
    case PROP_LINK_MAN:
      g_value_set_string (value, self->link_man);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_customer_phone_finalize (GObject *object)
{
  BbhCustomerPhone *self = BBH_CUSTOMER_PHONE (object);

  g_clear_pointer (&self->raw, json_object_unref);
  g_free (self->phone);
  g_free (self->phone_type);
  g_free (self->link_man);

  G_OBJECT_CLASS (bbh_customer_phone_parent_class)->finalize (object);
}

static void
bbh_customer_phone_class_init (BbhCustomerPhoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_customer_phone_get_property;
  object_class->finalize = bbh_customer_phone_finalize;

  /**
   * BbhCustomerPhone:id:
   *
   * The number's own id (`cpId`), 0 when the server sent none.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerPhone:customer-id:
   *
   * The customer it belongs to (`custId`).
   */
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerPhone:phone:
   *
   * The number (`cpPhone`).
   */
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerPhone:phone-type:
   *
   * What kind of number it is, in the company's words (`cpType`, e.g. 常用电话).
   */
  properties[PROP_PHONE_TYPE] =
    g_param_spec_string ("phone-type", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerPhone:link-man:
   *
   * Who answers this number (`cpLinkMan`).
   */
  properties[PROP_LINK_MAN] =
    g_param_spec_string ("link-man", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_customer_phone_init (BbhCustomerPhone *self)
{
}

gint64
bbh_customer_phone_get_id (BbhCustomerPhone *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), 0);
  return self->id;
}

gint64
bbh_customer_phone_get_customer_id (BbhCustomerPhone *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), 0);
  return self->customer_id;
}

/**
 * bbh_customer_phone_get_phone:
 * @self: a #BbhCustomerPhone
 *
 * Returns: (nullable): #BbhCustomerPhone:phone, %NULL when the server did not send it.
 */
const char *
bbh_customer_phone_get_phone (BbhCustomerPhone *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), NULL);
  return self->phone;
}

/**
 * bbh_customer_phone_get_phone_type:
 * @self: a #BbhCustomerPhone
 *
 * Returns: (nullable): #BbhCustomerPhone:phone-type, %NULL when the server did not send it.
 */
const char *
bbh_customer_phone_get_phone_type (BbhCustomerPhone *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), NULL);
  return self->phone_type;
}

/**
 * bbh_customer_phone_get_link_man:
 * @self: a #BbhCustomerPhone
 *
 * Returns: (nullable): #BbhCustomerPhone:link-man, %NULL when the server did not send it.
 */
const char *
bbh_customer_phone_get_link_man (BbhCustomerPhone *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), NULL);
  return self->link_man;
}

/**
 * bbh_customer_phone_dup_field:
 * @self: a #BbhCustomerPhone
 * @member: a member of the server's answer, spelled as on the wire
 *
 * Returns: (transfer full) (nullable): the member as text; %NULL when the server did not
 *   send it.
 */
char *
bbh_customer_phone_dup_field (BbhCustomerPhone *self,
                              const char       *member)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_PHONE (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);
  return bbh_json_dup_string (self->raw, member);
}
