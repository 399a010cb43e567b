//! `named_imports:` as wasmtime's `bindgen!` has it: a component imports
//! one interface under names of its own (`(import "north" (implements
//! "test:named-imports/ledger") ..)`), and `named_imports::…::add_to_linker`
//! links each such import under the id the embedder's `lookup` gives its
//! name. Every host method, the destructor included, receives that id; the
//! named `Host` converts the errors its functions return.

use hostgen::wasmtime;

use std::collections::HashMap;
use wasmtime::component::{Component, HasSelf, Linker, Resource};
use wasmtime::{Config, Engine, Store};

/// The id the host gives each name the ledger is imported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Branch(u32);

/// The host's error, converted to the WIT `error-code` (or a trap).
#[derive(Debug)]
pub enum LedgerError {
    Overdrawn,
    Broken(String),
}

mod sync_bank {
    hostgen::bindgen!({
        path: "tests/wit/named_imports.wit",
        world: "bank",
        named_imports: { "test:named-imports/ledger": super::Branch },
        trappable_error_type: {
            "test:named-imports/ledger.error-code" => super::LedgerError,
        },
    });
}

mod async_bank {
    hostgen::bindgen!({
        path: "tests/wit/named_imports.wit",
        world: "bank",
        imports: { default: async },
        exports: { default: async },
        named_imports: { "test:named-imports/ledger": super::Branch },
        trappable_error_type: {
            "test:named-imports/ledger.error-code" => super::LedgerError,
        },
    });
}

/// The guest: imports the ledger as `north` and `south`, both annotated as
/// implementing it, opens an account at each, withdraws (once too much at
/// `north`), and returns `balance(north) + balance(south) + label(north, 5)
/// + label(south, 6)` after dropping both accounts.
const GUEST: &str = r#"
(component
  (type $ledger (instance
    (type $ec0 (enum "overdrawn" "closed"))
    (export "error-code" (type $ec (eq $ec0)))
    (export "account" (type $acct (sub resource)))
    (type $own (own $acct))
    (type $borrow (borrow $acct))
    (type $wr (result u32 (error $ec)))
    (export "[constructor]account" (func (param "opening" u32) (result $own)))
    (export "[method]account.withdraw" (func (param "self" $borrow) (param "amount" u32) (result $wr)))
    (export "[method]account.balance" (func (param "self" $borrow) (result u32)))
    (export "label" (func (param "id" u32) (result u32)))))
  (import "north" (implements "test:named-imports/ledger") (instance $n (type $ledger)))
  (import "south" (implements "test:named-imports/ledger") (instance $s (type $ledger)))
  (alias export $n "account" (type $acct-n))
  (alias export $s "account" (type $acct-s))
  (core module $memory (memory (export "mem") 1))
  (core instance $memory (instantiate $memory))
  (alias core export $memory "mem" (core memory $mem))
  (core func $n-new (canon lower (func $n "[constructor]account")))
  (core func $n-withdraw (canon lower (func $n "[method]account.withdraw") (memory $mem)))
  (core func $n-balance (canon lower (func $n "[method]account.balance")))
  (core func $n-label (canon lower (func $n "label")))
  (core func $n-drop (canon resource.drop $acct-n))
  (core func $s-new (canon lower (func $s "[constructor]account")))
  (core func $s-withdraw (canon lower (func $s "[method]account.withdraw") (memory $mem)))
  (core func $s-balance (canon lower (func $s "[method]account.balance")))
  (core func $s-label (canon lower (func $s "label")))
  (core func $s-drop (canon resource.drop $acct-s))
  (core module $m
    (import "" "mem" (memory 1))
    (import "" "n-new" (func $n-new (param i32) (result i32)))
    (import "" "n-withdraw" (func $n-withdraw (param i32 i32 i32)))
    (import "" "n-balance" (func $n-balance (param i32) (result i32)))
    (import "" "n-label" (func $n-label (param i32) (result i32)))
    (import "" "n-drop" (func $n-drop (param i32)))
    (import "" "s-new" (func $s-new (param i32) (result i32)))
    (import "" "s-withdraw" (func $s-withdraw (param i32 i32 i32)))
    (import "" "s-balance" (func $s-balance (param i32) (result i32)))
    (import "" "s-label" (func $s-label (param i32) (result i32)))
    (import "" "s-drop" (func $s-drop (param i32)))
    (func (export "run") (result i32)
      (local $n i32) (local $s i32) (local $out i32)
      (local.set $n (call $n-new (i32.const 10)))
      (local.set $s (call $s-new (i32.const 100)))
      ;; north: 10 - 3 = ok(7)
      (call $n-withdraw (local.get $n) (i32.const 3) (i32.const 16))
      (if (i32.ne (i32.load8_u (i32.const 16)) (i32.const 0)) (then unreachable))
      (if (i32.ne (i32.load (i32.const 20)) (i32.const 7)) (then unreachable))
      ;; north: 50 is too much, err(overdrawn)
      (call $n-withdraw (local.get $n) (i32.const 50) (i32.const 16))
      (if (i32.ne (i32.load8_u (i32.const 16)) (i32.const 1)) (then unreachable))
      (if (i32.ne (i32.load8_u (i32.const 20)) (i32.const 0)) (then unreachable))
      ;; south: 100 - 30 = ok(70)
      (call $s-withdraw (local.get $s) (i32.const 30) (i32.const 16))
      (if (i32.ne (i32.load8_u (i32.const 16)) (i32.const 0)) (then unreachable))
      (if (i32.ne (i32.load (i32.const 20)) (i32.const 70)) (then unreachable))
      (local.set $out
        (i32.add
          (i32.add (call $n-balance (local.get $n)) (call $s-balance (local.get $s)))
          (i32.add (call $n-label (i32.const 5)) (call $s-label (i32.const 6)))))
      (call $n-drop (local.get $n))
      (call $s-drop (local.get $s))
      (local.get $out)))
  (core instance $i (instantiate $m
    (with "" (instance
      (export "mem" (memory $mem))
      (export "n-new" (func $n-new))
      (export "n-withdraw" (func $n-withdraw))
      (export "n-balance" (func $n-balance))
      (export "n-label" (func $n-label))
      (export "n-drop" (func $n-drop))
      (export "s-new" (func $s-new))
      (export "s-withdraw" (func $s-withdraw))
      (export "s-balance" (func $s-balance))
      (export "s-label" (func $s-label))
      (export "s-drop" (func $s-drop))))))
  (func (export "run") (result u32) (canon lift (core func $i "run"))))
"#;

/// What the host saw, each entry with the branch it was told.
#[derive(Default)]
struct Bank {
    /// Balance by account rep.
    accounts: HashMap<u32, (Branch, u32)>,
    next_rep: u32,
    calls: Vec<(Branch, String)>,
    drops: Vec<(Branch, u32)>,
    /// `withdraw` fails with a trap instead of a WIT error.
    broken: bool,
}

impl Bank {
    fn open(&mut self, id: Branch, opening: u32) -> u32 {
        self.next_rep += 1;
        self.accounts.insert(self.next_rep, (id, opening));
        self.calls.push((id, format!("new({opening})")));
        self.next_rep
    }

    fn withdraw(&mut self, id: Branch, rep: u32, amount: u32) -> Result<u32, LedgerError> {
        self.calls.push((id, format!("withdraw({amount})")));
        if self.broken {
            return Err(LedgerError::Broken(format!("branch {} is on fire", id.0)));
        }
        let (owner, balance) = self.accounts.get_mut(&rep).expect("a live account");
        assert_eq!(
            *owner, id,
            "an account is used through the branch that opened it"
        );
        if amount > *balance {
            return Err(LedgerError::Overdrawn);
        }
        *balance -= amount;
        Ok(*balance)
    }

    fn convert(&mut self, err: LedgerError) -> wasmtime::Result<ErrorCode> {
        match err {
            LedgerError::Overdrawn => Ok(ErrorCode::Overdrawn),
            LedgerError::Broken(why) => Err(wasmtime::format_err!("{why}")),
        }
    }
}

use sync_bank::test::named_imports::ledger::{Account, ErrorCode};

mod sync_impls {
    use super::*;
    use sync_bank::named_imports::test::named_imports::ledger;

    impl ledger::HostAccount for Bank {
        fn new(&mut self, id: Branch, opening: u32) -> Resource<Account> {
            Resource::new_own(self.open(id, opening))
        }
        fn withdraw(
            &mut self,
            id: Branch,
            self_: Resource<Account>,
            amount: u32,
        ) -> Result<u32, LedgerError> {
            Bank::withdraw(self, id, self_.rep(), amount)
        }
        fn balance(&mut self, id: Branch, self_: Resource<Account>) -> u32 {
            self.calls.push((id, "balance".into()));
            self.accounts[&self_.rep()].1
        }
        fn drop(&mut self, id: Branch, rep: Resource<Account>) -> wasmtime::Result<()> {
            self.drops.push((id, rep.rep()));
            self.accounts.remove(&rep.rep());
            Ok(())
        }
    }

    impl ledger::Host for Bank {
        fn label(&mut self, id: Branch, id_: u32) -> u32 {
            id.0 * 1000 + id_
        }
        fn convert_error_code(&mut self, err: LedgerError) -> wasmtime::Result<ErrorCode> {
            self.convert(err)
        }
    }
}

mod async_impls {
    use super::*;
    use async_bank::named_imports::test::named_imports::ledger;
    type Account = async_bank::test::named_imports::ledger::Account;
    type ErrorCode = async_bank::test::named_imports::ledger::ErrorCode;

    impl ledger::HostAccount for Bank {
        async fn new(&mut self, id: Branch, opening: u32) -> Resource<Account> {
            tokio::task::yield_now().await;
            Resource::new_own(self.open(id, opening))
        }
        async fn withdraw(
            &mut self,
            id: Branch,
            self_: Resource<Account>,
            amount: u32,
        ) -> Result<u32, LedgerError> {
            tokio::task::yield_now().await;
            Bank::withdraw(self, id, self_.rep(), amount)
        }
        async fn balance(&mut self, id: Branch, self_: Resource<Account>) -> u32 {
            self.calls.push((id, "balance".into()));
            self.accounts[&self_.rep()].1
        }
        async fn drop(&mut self, id: Branch, rep: Resource<Account>) -> wasmtime::Result<()> {
            tokio::task::yield_now().await;
            self.drops.push((id, rep.rep()));
            self.accounts.remove(&rep.rep());
            Ok(())
        }
    }

    impl ledger::Host for Bank {
        async fn label(&mut self, id: Branch, id_: u32) -> u32 {
            id.0 * 1000 + id_
        }
        fn convert_error_code(&mut self, err: LedgerError) -> wasmtime::Result<ErrorCode> {
            let code = match self.convert(err)? {
                super::ErrorCode::Overdrawn => ErrorCode::Overdrawn,
                super::ErrorCode::Closed => ErrorCode::Closed,
            };
            Ok(code)
        }
    }
}

fn engine(async_: bool) -> Engine {
    let mut config = Config::new();
    config.wasm_component_model_implements(true);
    if async_ {
        #[allow(deprecated)]
        config.async_support(true);
    }
    Engine::new(&config).unwrap()
}

const NORTH: Branch = Branch(1);
const SOUTH: Branch = Branch(2);

fn branch(name: &str) -> wasmtime::Result<Branch> {
    match name {
        "north" => Ok(NORTH),
        "south" => Ok(SOUTH),
        other => wasmtime::bail!("no branch called `{other}`"),
    }
}

/// What a run of the guest must have done, `out` its result.
fn check_run(bank: &Bank, out: u32) {
    // 7 + 70 + 1005 + 2006
    assert_eq!(out, 3088);
    let north: Vec<&str> = bank
        .calls
        .iter()
        .filter(|(b, _)| *b == NORTH)
        .map(|(_, c)| c.as_str())
        .collect();
    assert_eq!(north, ["new(10)", "withdraw(3)", "withdraw(50)", "balance"]);
    let south: Vec<&str> = bank
        .calls
        .iter()
        .filter(|(b, _)| *b == SOUTH)
        .map(|(_, c)| c.as_str())
        .collect();
    assert_eq!(south, ["new(100)", "withdraw(30)", "balance"]);
    // Each destructor ran with its account's branch.
    assert_eq!(bank.drops, [(NORTH, 1), (SOUTH, 2)]);
    assert!(bank.accounts.is_empty());
}

/// Instantiates the sync bindings and calls `run`.
fn run(
    store: &mut Store<Bank>,
    component: &Component,
    linker: &Linker<Bank>,
) -> wasmtime::Result<u32> {
    let bank = sync_bank::Bank::instantiate(&mut *store, component, linker)?;
    bank.call_run(store)
}

#[test]
fn every_call_receives_the_id_of_the_name_it_came_through() {
    let engine = engine(false);
    let component = Component::new(&engine, GUEST).unwrap();
    let mut linker = Linker::new(&engine);
    let mut looked_up = Vec::new();
    sync_bank::named_imports::test::named_imports::ledger::add_to_linker::<_, HasSelf<Bank>>(
        &mut linker,
        &component,
        |name| {
            looked_up.push(name.to_string());
            branch(name)
        },
        |bank| bank,
    )
    .unwrap();
    assert_eq!(looked_up, ["north", "south"]);
    let mut store = Store::new(&engine, Bank::default());
    let out = run(&mut store, &component, &linker).unwrap();
    check_run(store.data(), out);
}

#[test]
fn an_error_from_lookup_is_returned_as_it_is() {
    let engine = engine(false);
    let component = Component::new(&engine, GUEST).unwrap();
    let mut linker = Linker::<Bank>::new(&engine);
    let err =
        sync_bank::named_imports::test::named_imports::ledger::add_to_linker::<_, HasSelf<Bank>>(
            &mut linker,
            &component,
            |name| match name {
                "north" => Ok(NORTH),
                other => wasmtime::bail!("no branch called `{other}`"),
            },
            |bank| bank,
        )
        .unwrap_err();
    assert_eq!(err.to_string(), "no branch called `south`");
}

#[test]
fn one_name_links_through_add_to_linker_instance() {
    let engine = engine(false);
    let component = Component::new(&engine, GUEST).unwrap();
    let mut linker = Linker::new(&engine);
    use sync_bank::named_imports::test::named_imports::ledger::add_to_linker_instance;
    add_to_linker_instance::<_, HasSelf<Bank>>(
        &mut linker.instance("north").unwrap(),
        NORTH,
        |bank| bank,
    )
    .unwrap();
    // `south` is not linked: instantiation names it.
    let mut store = Store::new(&engine, Bank::default());
    let err = match sync_bank::Bank::instantiate(&mut store, &component, &linker) {
        Ok(_) => panic!("instantiated without `south`"),
        Err(e) => format!("{e:#}"),
    };
    assert!(err.contains("south"), "{err}");
    // Linked too, the guest runs.
    add_to_linker_instance::<_, HasSelf<Bank>>(
        &mut linker.instance("south").unwrap(),
        SOUTH,
        |bank| bank,
    )
    .unwrap();
    let out = run(&mut store, &component, &linker).unwrap();
    check_run(store.data(), out);
}

#[test]
fn a_convert_that_fails_traps_with_its_error() {
    let engine = engine(false);
    let component = Component::new(&engine, GUEST).unwrap();
    let mut linker = Linker::new(&engine);
    sync_bank::named_imports::test::named_imports::ledger::add_to_linker::<_, HasSelf<Bank>>(
        &mut linker,
        &component,
        branch,
        |bank| bank,
    )
    .unwrap();
    let mut store = Store::new(
        &engine,
        Bank {
            broken: true,
            ..Bank::default()
        },
    );
    let err = run(&mut store, &component, &linker).unwrap_err();
    assert_eq!(err.root_cause().to_string(), "branch 1 is on fire");
}

#[tokio::test]
async fn async_bindings_pass_the_id_too() {
    let engine = engine(true);
    let component = Component::new(&engine, GUEST).unwrap();
    let mut linker = Linker::new(&engine);
    async_bank::named_imports::test::named_imports::ledger::add_to_linker::<_, HasSelf<Bank>>(
        &mut linker,
        &component,
        branch,
        |bank| bank,
    )
    .unwrap();
    let mut store = Store::new(&engine, Bank::default());
    let bank = async_bank::Bank::instantiate_async(&mut store, &component, &linker)
        .await
        .unwrap();
    let out = bank.call_run(&mut store).await.unwrap();
    check_run(store.data(), out);
}
