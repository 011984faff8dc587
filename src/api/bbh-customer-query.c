/* bbh-customer-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-customer-query"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-customer-query.h"
#include "bbh-customers-private.h"

/**
 * BbhCustomerQuery:
 *
 * The parameters of getCustomersPage (2.6.1): filters, a search, a date range and a page.
 * A new query lists every customer, 50 at a time. Only what is set is sent.
 */
struct _BbhCustomerQuery
{
  char            *status;         /* custStatus */
  char            *customer_type;  /* custType */
  BbhCustomerFind  find;           /* findType */
  char            *search;         /* sqlwhere */
  char            *sort_field;     /* sortfield */
  int              locked;         /* custIsLock: -1 any, 0 unlocked, 1 locked */
  BbhCustomerDate  date;           /* dateOpt */
  char            *start_time;     /* startTime */
  char            *end_time;       /* endTime */
  guint            start;          /* start */
  guint            limit;          /* limit */
};

G_DEFINE_BOXED_TYPE (BbhCustomerQuery, bbh_customer_query,
                     bbh_customer_query_copy, bbh_customer_query_free)

#define DEFAULT_LIMIT 50

static const char * const find_members[] = {
  [BBH_CUSTOMER_FIND_NONE]      = NULL,
  [BBH_CUSTOMER_FIND_PHONE]     = "cpPhone",
  [BBH_CUSTOMER_FIND_CORP_NAME] = "custCorpName",
  [BBH_CUSTOMER_FIND_NAME]      = "custName",
};

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
check_time (const char  *text,
            const char  *what,
            GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (!is_set (text) || (parsed = bbh_customers_parse_time (text)) != NULL)
    return TRUE;

  g_set_error (error, BBH_ERROR, BBH_ERROR_INVALID,
               /* Translators: the first %s is “start time” or “end time”, the second what was typed */
               _("The %s “%s” is not a date. Write it as year-month-day, with a time if needed: 2024-03-05 or 2024-03-05 09:30:00."),
               what, text);
  return FALSE;
}

/* Checks the query and adds what is set, in the document's order. */
gboolean
bbh_customer_query_add_params (const BbhCustomerQuery  *self,
                               BbhParams               *params,
                               GError                 **error)
{
  g_assert (self != NULL);

  if (self->date != BBH_CUSTOMER_DATE_NONE
      && (!check_time (self->start_time, _("start time"), error)
          || !check_time (self->end_time, _("end time"), error)))
    return FALSE;

  if (is_set (self->status))
    bbh_params_add (params, "custStatus", self->status);
  if (is_set (self->customer_type))
    bbh_params_add (params, "custType", self->customer_type);
  if (self->find != BBH_CUSTOMER_FIND_NONE && is_set (self->search))
    bbh_params_add (params, "findType", find_members[self->find]);
  if (is_set (self->sort_field))
    bbh_params_add (params, "sortfield", self->sort_field);
  if (self->locked >= 0)
    bbh_params_add_int (params, "custIsLock", self->locked);
  if (self->date != BBH_CUSTOMER_DATE_NONE)
    {
      bbh_params_add_int (params, "dateOpt", self->date);
      if (is_set (self->start_time))
        bbh_params_add (params, "startTime", self->start_time);
      if (is_set (self->end_time))
        bbh_params_add (params, "endTime", self->end_time);
    }
  if (self->find != BBH_CUSTOMER_FIND_NONE && is_set (self->search))
    bbh_params_add (params, "sqlwhere", self->search);
  bbh_params_add_int (params, "start", self->start);
  if (self->limit > 0)
    bbh_params_add_int (params, "limit", self->limit);

  return TRUE;
}

/**
 * bbh_customer_query_new:
 *
 * Returns: (transfer full): a query for every customer, the first 50.
 */
BbhCustomerQuery *
bbh_customer_query_new (void)
{
  BbhCustomerQuery *self = g_new0 (BbhCustomerQuery, 1);

  self->locked = -1;
  self->limit = DEFAULT_LIMIT;
  return self;
}

/**
 * bbh_customer_query_copy:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (transfer full): a copy of @self.
 */
BbhCustomerQuery *
bbh_customer_query_copy (const BbhCustomerQuery *self)
{
  BbhCustomerQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->status = g_strdup (self->status);
  copy->customer_type = g_strdup (self->customer_type);
  copy->search = g_strdup (self->search);
  copy->sort_field = g_strdup (self->sort_field);
  copy->start_time = g_strdup (self->start_time);
  copy->end_time = g_strdup (self->end_time);
  return copy;
}

void
bbh_customer_query_free (BbhCustomerQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->status);
  g_free (self->customer_type);
  g_free (self->search);
  g_free (self->sort_field);
  g_free (self->start_time);
  g_free (self->end_time);
  g_free (self);
}

/**
 * bbh_customer_query_get_status:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_status() set.
 */
const char *
bbh_customer_query_get_status (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->status;
}

/**
 * bbh_customer_query_set_status:
 * @self: a #BbhCustomerQuery
 * @status: (nullable): a customer status value (`custStatus`, see getCodes); %NULL for any
 */
void
bbh_customer_query_set_status (BbhCustomerQuery *self,
                               const char       *status)
{
  g_return_if_fail (self != NULL);
  g_free (self->status);
  self->status = g_strdup (status);
}

/**
 * bbh_customer_query_get_customer_type:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_customer_type() set.
 */
const char *
bbh_customer_query_get_customer_type (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->customer_type;
}

/**
 * bbh_customer_query_set_customer_type:
 * @self: a #BbhCustomerQuery
 * @customer_type: (nullable): a customer type value (`custType`); %NULL for any
 */
void
bbh_customer_query_set_customer_type (BbhCustomerQuery *self,
                                      const char       *customer_type)
{
  g_return_if_fail (self != NULL);
  g_free (self->customer_type);
  self->customer_type = g_strdup (customer_type);
}

BbhCustomerFind
bbh_customer_query_get_find (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, BBH_CUSTOMER_FIND_NONE);
  return self->find;
}

/**
 * bbh_customer_query_get_search:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_search() set.
 */
const char *
bbh_customer_query_get_search (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->search;
}

/**
 * bbh_customer_query_set_search:
 * @self: a #BbhCustomerQuery
 * @find: which field to search (`findType`)
 * @text: (nullable): what to look for (`sqlwhere`); %NULL or empty searches nothing
 */
void
bbh_customer_query_set_search (BbhCustomerQuery *self,
                               BbhCustomerFind   find,
                               const char       *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (find <= BBH_CUSTOMER_FIND_NAME);

  self->find = find;
  g_free (self->search);
  self->search = g_strdup (text);
}

/**
 * bbh_customer_query_get_sort_field:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_sort_field() set.
 */
const char *
bbh_customer_query_get_sort_field (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sort_field;
}

/**
 * bbh_customer_query_set_sort_field:
 * @self: a #BbhCustomerQuery
 * @sort_field: (nullable): the member to sort by (`sortfield`), e.g. `custName`
 */
void
bbh_customer_query_set_sort_field (BbhCustomerQuery *self,
                                   const char       *sort_field)
{
  g_return_if_fail (self != NULL);
  g_free (self->sort_field);
  self->sort_field = g_strdup (sort_field);
}

int
bbh_customer_query_get_locked (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->locked;
}

/**
 * bbh_customer_query_set_locked:
 * @self: a #BbhCustomerQuery
 * @locked: 1 only locked customers, 0 only unlocked ones, -1 both (`custIsLock`)
 */
void
bbh_customer_query_set_locked (BbhCustomerQuery *self,
                               int               locked)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (locked >= -1 && locked <= 1);
  self->locked = locked;
}

BbhCustomerDate
bbh_customer_query_get_date (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, BBH_CUSTOMER_DATE_NONE);
  return self->date;
}

/**
 * bbh_customer_query_get_start_time:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_date_range() set.
 */
const char *
bbh_customer_query_get_start_time (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->start_time;
}

/**
 * bbh_customer_query_get_end_time:
 * @self: a #BbhCustomerQuery
 *
 * Returns: (nullable): what bbh_customer_query_set_date_range() set.
 */
const char *
bbh_customer_query_get_end_time (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->end_time;
}

/**
 * bbh_customer_query_set_date_range:
 * @self: a #BbhCustomerQuery
 * @date: which date to bound (`dateOpt`); %BBH_CUSTOMER_DATE_NONE for none
 * @start_time: (nullable): from (`startTime`), `yyyy-mm-dd` or `yyyy-mm-dd hh:mm:ss`
 * @end_time: (nullable): until (`endTime`), in the same form
 *
 * A time that is not a date fails the query with %BBH_ERROR_INVALID before it is sent.
 */
void
bbh_customer_query_set_date_range (BbhCustomerQuery *self,
                                   BbhCustomerDate   date,
                                   const char       *start_time,
                                   const char       *end_time)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date <= BBH_CUSTOMER_DATE_CREATED);

  self->date = date;
  g_free (self->start_time);
  self->start_time = g_strdup (start_time);
  g_free (self->end_time);
  self->end_time = g_strdup (end_time);
}

guint
bbh_customer_query_get_start (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->start;
}

guint
bbh_customer_query_get_limit (const BbhCustomerQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->limit;
}

/**
 * bbh_customer_query_set_page:
 * @self: a #BbhCustomerQuery
 * @start: the first row (`start`)
 * @limit: how many rows (`limit`); 0 leaves it to the server
 */
void
bbh_customer_query_set_page (BbhCustomerQuery *self,
                             guint             start,
                             guint             limit)
{
  g_return_if_fail (self != NULL);
  self->start = start;
  self->limit = limit;
}
