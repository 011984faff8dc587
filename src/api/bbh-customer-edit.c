/* bbh-customer-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-customer-edit"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-private.h"
#include "bbh-customer-edit.h"
#include "bbh-customers-private.h"

/**
 * BbhCustomerEdit:
 *
 * A customer record the agent is writing: empty for a new customer, or a copy of a
 * #BbhCustomer to change. Its properties are writable and notify on change, so a form can
 * bind its entries to them; the text properties have the same names as #BbhCustomer's.
 * Pass it to bbh_client_save_customer_async(), which sends every field of the document's
 * savecustomer table (2.1.9/2.6.4), the numbers as `cpPhone[i]`, `cpType[i]`, `cpLinkMan[i]`.
 */
typedef struct
{
  char *phone;      /* cpPhone[i] */
  char *type;       /* cpType[i] */
  char *link_man;   /* cpLinkMan[i] */
} Phone;

struct _BbhCustomerEdit
{
  GObject parent_instance;

  /* Owned */
  gint64  id;                           /* custId; 0 = a new customer */
  char   *text[BBH_CUSTOMER_N_TEXT];
  int     birthday_type;                /* custBirthdayType */
  GArray *phones;                       /* Phone */
};

G_DEFINE_FINAL_TYPE (BbhCustomerEdit, bbh_customer_edit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BIRTHDAY_TYPE,
  PROP_N_PHONES,
  PROP_TEXT_FIRST,
  N_PROPS = PROP_TEXT_FIRST + BBH_CUSTOMER_N_TEXT
};

static GParamSpec *properties[N_PROPS];

/* The document's default for the first number's type. */
#define FIRST_PHONE_TYPE "常用电话"

static void
phone_clear (gpointer data)
{
  Phone *phone = data;

  g_free (phone->phone);
  g_free (phone->type);
  g_free (phone->link_man);
}

static void
set_text (BbhCustomerEdit *self,
          BbhCustomerText  index,
          const char      *value)
{
  if (g_strcmp0 (self->text[index], value) == 0)
    return;
  g_free (self->text[index]);
  self->text[index] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_FIRST + index]);
}

/* yyyy-mm-dd and a day that exists. */
static gboolean
is_date (const char *text)
{
  int y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  return g_date_valid_dmy (d, m, y);
}

static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "";
}

/* In the order of the document's table. */
void
bbh_customer_edit_add_params (BbhCustomerEdit *self,
                              BbhParams       *params)
{
  g_assert (BBH_IS_CUSTOMER_EDIT (self));

  if (self->id > 0)
    bbh_params_add_int (params, "custId", self->id);
  else
    bbh_params_add (params, "custId", "");
  bbh_params_add (params, "cpPhone",
                  self->phones->len > 0 ? or_empty (g_array_index (self->phones, Phone, 0).phone) : "");

  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    {
      if (i == BBH_CUSTOMER_TEXT_BIRTHDAY)
        bbh_params_add_int (params, "custBirthdayType", self->birthday_type);
      bbh_params_add (params, bbh_customer_text_info[i].member, or_empty (self->text[i]));
    }

  bbh_params_add_int (params, "recordCount_voip_customer_phone", self->phones->len);
  for (guint i = 0; i < self->phones->len; i++)
    {
      Phone *phone = &g_array_index (self->phones, Phone, i);
      g_autofree char *phone_name = g_strdup_printf ("cpPhone[%u]", i);
      g_autofree char *type_name = g_strdup_printf ("cpType[%u]", i);
      g_autofree char *link_man_name = g_strdup_printf ("cpLinkMan[%u]", i);
      const char *type = phone->type;

      if ((type == NULL || *type == '\0') && i == 0)
        type = FIRST_PHONE_TYPE;

      bbh_params_add (params, phone_name, or_empty (phone->phone));
      bbh_params_add (params, type_name, or_empty (type));
      bbh_params_add (params, link_man_name, or_empty (phone->link_man));
    }
}

static void
bbh_customer_edit_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BbhCustomerEdit *self = BBH_CUSTOMER_EDIT (object);

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
    case PROP_N_PHONES:
      g_value_set_uint (value, self->phones->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_customer_edit_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BbhCustomerEdit *self = BBH_CUSTOMER_EDIT (object);

  if (prop_id >= PROP_TEXT_FIRST && prop_id < N_PROPS)
    {
      set_text (self, prop_id - PROP_TEXT_FIRST, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      bbh_customer_edit_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_BIRTHDAY_TYPE:
      bbh_customer_edit_set_birthday_type (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_customer_edit_finalize (GObject *object)
{
  BbhCustomerEdit *self = BBH_CUSTOMER_EDIT (object);

  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    g_free (self->text[i]);
  g_clear_pointer (&self->phones, g_array_unref);

  G_OBJECT_CLASS (bbh_customer_edit_parent_class)->finalize (object);
}

static void
bbh_customer_edit_class_init (BbhCustomerEditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_customer_edit_get_property;
  object_class->set_property = bbh_customer_edit_set_property;
  object_class->finalize = bbh_customer_edit_finalize;

  /**
   * BbhCustomerEdit:id:
   *
   * The customer being changed (`custId`); 0 saves a new customer.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerEdit:birthday-type:
   *
   * `custBirthdayType`: 0 not given, 1 solar, 2 lunar calendar.
   */
  properties[PROP_BIRTHDAY_TYPE] =
    g_param_spec_int ("birthday-type", NULL, NULL, 0, 2, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BbhCustomerEdit:n-phones:
   *
   * How many numbers the customer has (`recordCount_voip_customer_phone`).
   */
  properties[PROP_N_PHONES] =
    g_param_spec_uint ("n-phones", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    properties[PROP_TEXT_FIRST + i] =
      g_param_spec_string (bbh_customer_text_info[i].property, NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_customer_edit_init (BbhCustomerEdit *self)
{
  self->phones = g_array_new (FALSE, TRUE, sizeof (Phone));
  g_array_set_clear_func (self->phones, phone_clear);
}

/**
 * bbh_customer_edit_new:
 *
 * Returns: (transfer full): an empty record, for a new customer.
 */
BbhCustomerEdit *
bbh_customer_edit_new (void)
{
  return g_object_new (BBH_TYPE_CUSTOMER_EDIT, NULL);
}

/**
 * bbh_customer_edit_new_from_customer:
 * @customer: the customer to change
 *
 * Returns: (transfer full): a record holding @customer's id, fields and numbers.
 */
BbhCustomerEdit *
bbh_customer_edit_new_from_customer (BbhCustomer *customer)
{
  BbhCustomerEdit *self;
  GListModel *phones;

  g_return_val_if_fail (BBH_IS_CUSTOMER (customer), NULL);

  self = bbh_customer_edit_new ();
  self->id = MAX (bbh_customer_get_id (customer), 0);
  self->birthday_type = CLAMP (bbh_customer_get_birthday_type (customer), 0, 2);
  for (guint i = 0; i < BBH_CUSTOMER_N_TEXT; i++)
    g_object_get (customer, bbh_customer_text_info[i].property, &self->text[i], NULL);

  phones = bbh_customer_get_phones (customer);
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(BbhCustomerPhone) phone = g_list_model_get_item (phones, i);
      Phone copy = {
        g_strdup (bbh_customer_phone_get_phone (phone)),
        g_strdup (bbh_customer_phone_get_phone_type (phone)),
        g_strdup (bbh_customer_phone_get_link_man (phone)),
      };

      g_array_append_val (self->phones, copy);
    }

  return self;
}

gint64
bbh_customer_edit_get_id (BbhCustomerEdit *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), 0);
  return self->id;
}

/**
 * bbh_customer_edit_set_id:
 * @self: a #BbhCustomerEdit
 * @id: the customer's id, or 0 for a new customer
 */
void
bbh_customer_edit_set_id (BbhCustomerEdit *self,
                          gint64           id)
{
  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

#define TEXT_ACCESSORS(field, index)                                    \
  const char *                                                          \
  bbh_customer_edit_get_##field (BbhCustomerEdit *self)                 \
  {                                                                     \
    g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), NULL);           \
    return self->text[index];                                           \
  }                                                                     \
                                                                        \
  void                                                                  \
  bbh_customer_edit_set_##field (BbhCustomerEdit *self,                 \
                                 const char      *value)                \
  {                                                                     \
    g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));                     \
    set_text (self, index, value);                                      \
  }

/**
 * bbh_customer_edit_get_name:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:name.
 */
/**
 * bbh_customer_edit_set_name:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:name; %NULL is sent empty
 */
TEXT_ACCESSORS (name, BBH_CUSTOMER_TEXT_NAME)

/**
 * bbh_customer_edit_get_corp_name:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:corp-name.
 */
/**
 * bbh_customer_edit_set_corp_name:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:corp-name; %NULL is sent empty
 */
TEXT_ACCESSORS (corp_name, BBH_CUSTOMER_TEXT_CORP_NAME)

/**
 * bbh_customer_edit_get_status:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:status.
 */
/**
 * bbh_customer_edit_set_status:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:status; %NULL is sent empty
 */
TEXT_ACCESSORS (status, BBH_CUSTOMER_TEXT_STATUS)

/**
 * bbh_customer_edit_get_qq:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:qq.
 */
/**
 * bbh_customer_edit_set_qq:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:qq; %NULL is sent empty
 */
TEXT_ACCESSORS (qq, BBH_CUSTOMER_TEXT_QQ)

/**
 * bbh_customer_edit_get_address:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:address.
 */
/**
 * bbh_customer_edit_set_address:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:address; %NULL is sent empty
 */
TEXT_ACCESSORS (address, BBH_CUSTOMER_TEXT_ADDRESS)

/**
 * bbh_customer_edit_get_birthday:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:birthday.
 */
/**
 * bbh_customer_edit_set_birthday:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:birthday; %NULL is sent empty
 */
TEXT_ACCESSORS (birthday, BBH_CUSTOMER_TEXT_BIRTHDAY)

/**
 * bbh_customer_edit_get_source:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:source.
 */
/**
 * bbh_customer_edit_set_source:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:source; %NULL is sent empty
 */
TEXT_ACCESSORS (source, BBH_CUSTOMER_TEXT_SOURCE)

/**
 * bbh_customer_edit_get_age:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:age.
 */
/**
 * bbh_customer_edit_set_age:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:age; %NULL is sent empty
 */
TEXT_ACCESSORS (age, BBH_CUSTOMER_TEXT_AGE)

/**
 * bbh_customer_edit_get_area:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:area.
 */
/**
 * bbh_customer_edit_set_area:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:area; %NULL is sent empty
 */
TEXT_ACCESSORS (area, BBH_CUSTOMER_TEXT_AREA)

/**
 * bbh_customer_edit_get_sex:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:sex.
 */
/**
 * bbh_customer_edit_set_sex:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:sex; %NULL is sent empty
 */
TEXT_ACCESSORS (sex, BBH_CUSTOMER_TEXT_SEX)

/**
 * bbh_customer_edit_get_memo:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:memo.
 */
/**
 * bbh_customer_edit_set_memo:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:memo; %NULL is sent empty
 */
TEXT_ACCESSORS (memo, BBH_CUSTOMER_TEXT_MEMO)

/**
 * bbh_customer_edit_get_customer_type:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:customer-type.
 */
/**
 * bbh_customer_edit_set_customer_type:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:customer-type; %NULL is sent empty
 */
TEXT_ACCESSORS (customer_type, BBH_CUSTOMER_TEXT_TYPE)

/**
 * bbh_customer_edit_get_other1:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:other1.
 */
/**
 * bbh_customer_edit_set_other1:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:other1; %NULL is sent empty
 */
TEXT_ACCESSORS (other1, BBH_CUSTOMER_TEXT_OTHER1)

/**
 * bbh_customer_edit_get_other2:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:other2.
 */
/**
 * bbh_customer_edit_set_other2:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:other2; %NULL is sent empty
 */
TEXT_ACCESSORS (other2, BBH_CUSTOMER_TEXT_OTHER2)

/**
 * bbh_customer_edit_get_other3:
 * @self: a #BbhCustomerEdit
 *
 * Returns: (nullable): #BbhCustomerEdit:other3.
 */
/**
 * bbh_customer_edit_set_other3:
 * @self: a #BbhCustomerEdit
 * @value: (nullable): the new #BbhCustomerEdit:other3; %NULL is sent empty
 */
TEXT_ACCESSORS (other3, BBH_CUSTOMER_TEXT_OTHER3)

#undef TEXT_ACCESSORS

int
bbh_customer_edit_get_birthday_type (BbhCustomerEdit *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), 0);
  return self->birthday_type;
}

/**
 * bbh_customer_edit_set_birthday_type:
 * @self: a #BbhCustomerEdit
 * @birthday_type: 0 not given, 1 solar (阳历), 2 lunar (阴历) calendar
 */
void
bbh_customer_edit_set_birthday_type (BbhCustomerEdit *self,
                                     int              birthday_type)
{
  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));
  g_return_if_fail (birthday_type >= 0 && birthday_type <= 2);

  if (self->birthday_type == birthday_type)
    return;
  self->birthday_type = birthday_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY_TYPE]);
}

guint
bbh_customer_edit_get_n_phones (BbhCustomerEdit *self)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), 0);
  return self->phones->len;
}

/**
 * bbh_customer_edit_get_phone:
 * @self: a #BbhCustomerEdit
 * @position: which number, from 0
 *
 * Returns: (nullable): the number at @position (`cpPhone[position]`).
 */
const char *
bbh_customer_edit_get_phone (BbhCustomerEdit *self,
                             guint            position)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), NULL);
  g_return_val_if_fail (position < self->phones->len, NULL);
  return g_array_index (self->phones, Phone, position).phone;
}

/**
 * bbh_customer_edit_get_phone_type:
 * @self: a #BbhCustomerEdit
 * @position: which number, from 0
 *
 * Returns: (nullable): the kind of number at @position (`cpType[position]`) as set; the
 *   first number is sent as 常用电话 when it has none.
 */
const char *
bbh_customer_edit_get_phone_type (BbhCustomerEdit *self,
                                  guint            position)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), NULL);
  g_return_val_if_fail (position < self->phones->len, NULL);
  return g_array_index (self->phones, Phone, position).type;
}

/**
 * bbh_customer_edit_get_phone_link_man:
 * @self: a #BbhCustomerEdit
 * @position: which number, from 0
 *
 * Returns: (nullable): who answers the number at @position (`cpLinkMan[position]`).
 */
const char *
bbh_customer_edit_get_phone_link_man (BbhCustomerEdit *self,
                                      guint            position)
{
  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), NULL);
  g_return_val_if_fail (position < self->phones->len, NULL);
  return g_array_index (self->phones, Phone, position).link_man;
}

/**
 * bbh_customer_edit_add_phone:
 * @self: a #BbhCustomerEdit
 * @phone: the number
 * @phone_type: (nullable): what kind of number it is (`cpType`)
 * @link_man: (nullable): who answers it (`cpLinkMan`)
 *
 * Appends a number. The first number is the customer's main one (`cpPhone`).
 */
void
bbh_customer_edit_add_phone (BbhCustomerEdit *self,
                             const char      *phone,
                             const char      *phone_type,
                             const char      *link_man)
{
  Phone entry;

  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));
  g_return_if_fail (phone != NULL);

  entry.phone = g_strdup (phone);
  entry.type = g_strdup (phone_type);
  entry.link_man = g_strdup (link_man);
  g_array_append_val (self->phones, entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHONES]);
}

/**
 * bbh_customer_edit_set_phone:
 * @self: a #BbhCustomerEdit
 * @position: which number, from 0
 * @phone: the number
 * @phone_type: (nullable): what kind of number it is (`cpType`)
 * @link_man: (nullable): who answers it (`cpLinkMan`)
 *
 * Replaces the number at @position.
 */
void
bbh_customer_edit_set_phone (BbhCustomerEdit *self,
                             guint            position,
                             const char      *phone,
                             const char      *phone_type,
                             const char      *link_man)
{
  Phone *entry;

  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));
  g_return_if_fail (position < self->phones->len);
  g_return_if_fail (phone != NULL);

  entry = &g_array_index (self->phones, Phone, position);
  phone_clear (entry);
  entry->phone = g_strdup (phone);
  entry->type = g_strdup (phone_type);
  entry->link_man = g_strdup (link_man);
}

void
bbh_customer_edit_remove_phone (BbhCustomerEdit *self,
                                guint            position)
{
  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));
  g_return_if_fail (position < self->phones->len);

  g_array_remove_index (self->phones, position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHONES]);
}

void
bbh_customer_edit_clear_phones (BbhCustomerEdit *self)
{
  g_return_if_fail (BBH_IS_CUSTOMER_EDIT (self));

  if (self->phones->len == 0)
    return;
  g_array_set_size (self->phones, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PHONES]);
}

/**
 * bbh_customer_edit_validate:
 * @self: a #BbhCustomerEdit
 * @error: return location for a %BBH_ERROR_INVALID that says what to fix
 *
 * Checks what the server would refuse or store wrongly: at least one number, every number
 * a phone number, and a birthday written yyyy-mm-dd that exists. Saving checks the same
 * before anything is sent; a form calls this to tell the agent early.
 *
 * Returns: %TRUE when the record can be saved.
 */
gboolean
bbh_customer_edit_validate (BbhCustomerEdit  *self,
                            GError          **error)
{
  const char *birthday;

  g_return_val_if_fail (BBH_IS_CUSTOMER_EDIT (self), FALSE);

  if (self->phones->len == 0)
    {
      g_set_error_literal (error, BBH_ERROR, BBH_ERROR_INVALID,
                           _("The customer has no phone number. Add at least one."));
      return FALSE;
    }

  for (guint i = 0; i < self->phones->len; i++)
    if (!bbh_check_phone (g_array_index (self->phones, Phone, i).phone, _("phone number"), error))
      return FALSE;

  birthday = self->text[BBH_CUSTOMER_TEXT_BIRTHDAY];
  if (birthday != NULL && *birthday != '\0' && !is_date (birthday))
    {
      g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
                   /* Translators: %s is what was typed as the birthday */
                   _("The birthday “%s” is not a date. Write it as year-month-day, for example 1980-02-29."),
                   birthday);
      return FALSE;
    }

  return TRUE;
}
